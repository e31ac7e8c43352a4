/**
 * POST: Anthropic's count_tokens for this server's model: `{input_tokens}`, counted exactly with
 * the Mistral tokenizer (lib/tokens, on worker threads) over the prompt the embedded engine
 * writes: the Mixtral template, the system message folded in, the offered tools' instructions.
 * An upstream that counts its own model's tokens (ChatProvider.countPromptTokens) is asked instead.
 */
import { ChatBodySchema, MAX_CHAT_BODY_BYTES } from "@/lib/chat/schema";
import { AppError, invalidRequest } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { requireApiKey } from "@/lib/server/limits/access-keys";
import { servedRoute } from "@/lib/server/http/served-api";
import { requireAllowedModel } from "@/lib/server/limits/models-allowed";
import { refuseIfCannotFit } from "@/lib/server/chat/parse-chat-request";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction } from "@/lib/server/http/request-guards";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";
import { countPromptTokens, promptTokenLowerBound } from "@/lib/tokens/mistral-tokenizer";
import { AnthropicCountRequestSchema, inAnthropicWords, toChatBody } from "@/lib/dialects/anthropic/served-request";

async function answer(request: Request): Promise<Response> {
  let source: number[] = [];
  try {
    guardAction(request);
    await checkRequestRate("count", limitKey(request, requireApiKey(request)));
    const anthropic = await readJsonBody(request, AnthropicCountRequestSchema, MAX_CHAT_BODY_BYTES);
    const mapped = toChatBody(anthropic);
    source = mapped.source;
    // The same message rules as a chat request (no Max Tokens here: the default stands in, unused).
    const parsed = ChatBodySchema.safeParse(mapped.body);
    if (!parsed.success) throw invalidRequest(parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
    await requireAllowedModel(anthropic.model);
    const { systemMessage, messages, options } = parsed.data;
    refuseIfCannotFit("messages", promptTokenLowerBound(systemMessage, messages, options), getProvider().info.capabilities.contextWindow);
    const provider = getProvider();
    const local = () => countPromptTokens(systemMessage, messages, request.signal, options);
    // As /api/count-tokens: the upstream's own count where it is the better number (an
    // Anthropic-compatible server serving another model than Mixtral; it counts no tools here).
    const inputTokens = provider.countPromptTokens && !options?.tools?.length ? await provider.countPromptTokens(systemMessage, messages, request.signal).catch(local) : await local();
    return Response.json({ input_tokens: inputTokens }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    // servedRoute answers it in Anthropic's shape, the fields named as the client sent them.
    throw error instanceof AppError ? inAnthropicWords(error, source) : error;
  }
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ POST: answer });
