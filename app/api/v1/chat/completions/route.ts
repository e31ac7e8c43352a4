/**
 * POST: an OpenAI-compatible chat-completions endpoint over whatever provider serves the
 * playground, so "View code" snippets and any OpenAI client can use it — also with the
 * embedded engine, offline. Same validation and limits as /api/chat; errors in OpenAI's shape
 * and status; a key when ACCESS_KEYS is set. Unlike /api/chat it never degrades a request: a
 * parameter it cannot honour is a 400 naming it (schema.ts, lib/server/refuse-warnings.ts).
 * `x-request-id` and CORS are added to every /api/v1 answer by proxy.ts.
 */
import { MAX_CHAT_BODY_BYTES } from "@/lib/chat/schema";
import { completionFromBatches, createOpenAiChunkEncoder } from "@/lib/dialects/openai/encode";
import { openAiErrorBody, openAiErrorResponse } from "@/lib/dialects/openai/errors";
import { AppError } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { requireApiKey } from "@/lib/server/access-keys";
import { requireAllowedModel } from "@/lib/server/models-allowed";
import { servedRoute } from "@/lib/server/served-api-http";
import { promptBytes, toChatRequest } from "@/lib/server/parse-chat-request";
import { readJsonBody } from "@/lib/server/read-json-body";
import { refuseUnsupportedSettings, refuseWarnings } from "@/lib/server/refuse-warnings";
import { guardAction } from "@/lib/server/request-guards";
import { sseResponse } from "@/lib/server/sse-response";
import { claimStreamSlot } from "@/lib/server/concurrent-streams";
import { checkRequestRate, limitKey } from "@/lib/server/usage-limits";
import { usageCharge } from "@/lib/server/usage-charge";
import { observeBatches, type BatchObserver } from "@/lib/chat/batch-observer";
import { mergeChoices } from "@/lib/chat/merge-choices";
import { openAiParam, OpenAiChatRequestSchema, toChatBody, unsupportedParameter } from "./schema";

async function answer(request: Request): Promise<Response> {
  const provider = getProvider();
  let openAi;
  let chat;
  let client;
  let accessKeyId;
  const slots: BatchObserver[] = [];
  try {
    guardAction(request);
    accessKeyId = requireApiKey(request);
    client = limitKey(request, accessKeyId);
    await checkRequestRate("chat", client);
    openAi = await readJsonBody(request, OpenAiChatRequestSchema, MAX_CHAT_BODY_BYTES);
    const unsupported = unsupportedParameter(openAi);
    if (unsupported) throw new AppError(400, "unsupported_parameter", unsupported.message, [{ field: unsupported.param, message: unsupported.message }]);
    chat = await toChatRequest(toChatBody(openAi), provider.info.capabilities.contextWindow, request.signal);
    refuseUnsupportedSettings(chat, provider.info.capabilities, provider.info.label);
    await requireAllowedModel(openAi.model);
    // Each choice is a reply of its own, so it holds one of the client's concurrent streams.
    for (let i = 0; i < (openAi.n ?? 1); i++) slots.push(claimStreamSlot(client, request.signal));
  } catch (error) {
    for (const slot of slots) slot.end?.();
    if (!(error instanceof AppError)) throw error;
    const field = error.fields?.[0]?.field;
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (error.retryAfter !== undefined) headers["Retry-After"] = String(error.retryAfter);
    return Response.json(openAiErrorBody(error.code, error.message, error.status, field ? openAiParam(field) : null), { status: error.status, headers });
  }
  const n = openAi.n ?? 1;
  const model = openAi.model ?? provider.info.model;
  const upstreamRequest = { ...chat, ...(openAi.model ? { model: openAi.model } : {}) };
  const observers = [refuseWarnings, ...slots, usageCharge({ limitKey: client, accessKeyId, surface: "api", model, servedModel: provider.info.model }, promptBytes(chat))];
  const one = (signal: AbortSignal) => provider.stream(upstreamRequest, { signal });
  const produce = n === 1 ? one : (signal: AbortSignal) => mergeChoices(one, n, signal);
  const logprobs = chat.options?.logprobs;
  if (openAi.stream) {
    const encode = createOpenAiChunkEncoder(model, openAi.stream_options?.include_usage ?? false, { topLogprobs: logprobs?.top });
    return sseResponse(produce, request.signal, { encode, earlyError: openAiErrorResponse, observers });
  }
  return completionFromBatches(observeBatches(produce(request.signal), observers), model, logprobs);
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ POST: answer });
