/**
 * POST: the exact text Mixtral reads for a request (lib/chat/model-input.ts), turn by turn with
 * token counts: the embedded engine's own when it serves, otherwise our reconstruction of the
 * template, counted with the Mistral tokenizer and labelled as such.
 */
import { MAX_CHAT_BODY_BYTES } from "@/lib/chat/schema";
import { mixtralPromptSegments } from "@/lib/chat/mixtral-template";
import { modelInputTurns, type ModelInput } from "@/lib/chat/model-input";
import { getProvider } from "@/lib/providers/registry";
import { refuseIfCannotFit } from "@/lib/server/chat/parse-chat-request";
import { playgroundRoute } from "@/lib/server/http/error-response";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction } from "@/lib/server/http/request-guards";
import { requirePlaygroundAccess } from "@/lib/server/limits/access-keys";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";
import { countTexts, promptTokenLowerBound } from "@/lib/tokens/mistral-tokenizer";
import { ModelInputBodySchema } from "./schema";

export const POST = playgroundRoute(async (request: Request) => {
  guardAction(request);
  await checkRequestRate("count", limitKey(request, requirePlaygroundAccess(request)));
  const body = await readJsonBody(request, ModelInputBodySchema, MAX_CHAT_BODY_BYTES);
  const provider = getProvider();
  refuseIfCannotFit("messages", promptTokenLowerBound(body.systemMessage, body.messages, body.options), provider.info.capabilities.contextWindow);
  const segments = mixtralPromptSegments(body.systemMessage, body.messages, body.options);
  const byEngine = provider.countSegmentTokens?.bind(provider);
  const turns = await modelInputTurns(segments, (texts) => (byEngine ? byEngine(texts) : countTexts(texts, request.signal)));
  const input: ModelInput = { source: byEngine ? "engine" : "reconstruction", turns, totalTokens: turns.reduce((sum, t) => sum + t.tokens, 0), stop: body.stop ?? [] };
  return Response.json(input, { headers: { "Cache-Control": "no-store" } });
}, "Could not show the model input right now.");

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
