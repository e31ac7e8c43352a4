/**
 * POST: exact Mixtral token counts with the local tokenizer (the 32,000-piece Mistral v1 vocabulary),
 * on worker threads; a whole prompt is counted by the upstream instead when the provider offers
 * that as the better source (ChatProvider.countPromptTokens).
 */
import { MAX_CHAT_BODY_BYTES } from "@/lib/chat/schema";
import { getProvider } from "@/lib/providers/registry";
import { refuseIfCannotFit } from "@/lib/server/chat/parse-chat-request";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { requirePlaygroundAccess } from "@/lib/server/limits/access-keys";
import { guardAction } from "@/lib/server/http/request-guards";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";
import { playgroundRoute } from "@/lib/server/http/error-response";
import { countPromptTokens, countTextTokens, promptTokenLowerBound, textTokenLowerBound } from "@/lib/tokens/mistral-tokenizer";
import { CountTokensBodySchema } from "./schema";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";

export const POST = playgroundRoute(async (request: Request) => {
  guardAction(request);
  await checkRequestRate("count", limitKey(request, requirePlaygroundAccess(request)));
  // A count is asked for what could be sent: no more than a chat body, nor than the window holds.
  const body = await readJsonBody(request, CountTokensBodySchema, MAX_CHAT_BODY_BYTES);
  const provider = getProvider();
  const contextWindow = provider.info.capabilities.contextWindow;
  if ("text" in body) {
    refuseIfCannotFit("text", textTokenLowerBound(body.text), contextWindow);
    return Response.json({ tokens: await countTextTokens(body.text, request.signal) }, { headers: { "Cache-Control": "no-store" } });
  }
  refuseIfCannotFit("messages", promptTokenLowerBound(body.systemMessage, body.messages), contextWindow);
  // The upstream's own count where it is the better number (an Anthropic-compatible server serving
  // another model than Mixtral); the local Mistral count when that fails, so the meter keeps working.
  const promptTokens = provider.countPromptTokens && body.messages.length
    ? await provider.countPromptTokens(body.systemMessage, body.messages, request.signal).catch(() => countPromptTokens(body.systemMessage, body.messages, request.signal))
    : await countPromptTokens(body.systemMessage, body.messages, request.signal);
  return Response.json({ promptTokens, contextWindow }, { headers: { "Cache-Control": "no-store" } });
}, "Could not count tokens right now.");

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
