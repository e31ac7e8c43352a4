/**
 * POST: Anthropic's count_tokens for this server's model: `{input_tokens}`, counted exactly with
 * the Mistral tokenizer (lib/tokens, on worker threads) over the prompt the embedded engine
 * writes: the Mixtral template, the system message folded in, the offered tools' instructions.
 * An upstream that counts its own model's tokens (ChatProvider.countPromptTokens) is asked instead.
 */
import { ChatBodySchema, MAX_CHAT_BODY_BYTES } from "@/lib/chat/schema";
import { anthropicStatusErrorResponse } from "@/lib/dialects/anthropic/errors";
import { AppError, invalidRequest } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { requireApiKey } from "@/lib/server/access-keys";
import { servedRoute } from "@/lib/server/served-api-http";
import { requireAllowedModel } from "@/lib/server/models-allowed";
import { refuseIfCannotFit } from "@/lib/server/parse-chat-request";
import { readJsonBody } from "@/lib/server/read-json-body";
import { guardAction } from "@/lib/server/request-guards";
import { checkRequestRate, limitKey } from "@/lib/server/usage-limits";
import { countPromptTokens, promptTokenLowerBound } from "@/lib/tokens/mistral-tokenizer";
import { anthropicAppError, AnthropicCountRequestSchema, toChatBody } from "../schema";

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
    if (!(error instanceof AppError)) throw error;
    return anthropicStatusErrorResponse(anthropicAppError(error, source));
  }
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ POST: answer });
