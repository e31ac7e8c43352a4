/**
 * POST: an OpenAI-compatible chat-completions endpoint over whatever provider serves the
 * playground, so "View code" snippets and any OpenAI client can use it — also with the
 * embedded engine, offline. Same validation and limits as /api/chat; errors in OpenAI's shape
 * and status; a key when ACCESS_KEYS is set.
 */
import { MAX_CHAT_BODY_BYTES } from "@/lib/chat/schema";
import { completionFromBatches, createOpenAiChunkEncoder } from "@/lib/dialects/openai/encode";
import { openAiErrorBody, openAiErrorResponse } from "@/lib/dialects/openai/errors";
import { AppError } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { requireApiKey } from "@/lib/server/access-keys";
import { requireAllowedModel } from "@/lib/server/models-allowed";
import { promptBytes, toChatRequest } from "@/lib/server/parse-chat-request";
import { readJsonBody } from "@/lib/server/read-json-body";
import { guardAction } from "@/lib/server/request-guards";
import { sseResponse } from "@/lib/server/sse-response";
import { claimStreamSlot } from "@/lib/server/concurrent-streams";
import { checkRequestRate, limitKey, tokenCharge } from "@/lib/server/usage-limits";
import { observeBatches } from "@/lib/chat/batch-observer";
import { openAiParam, OpenAiChatRequestSchema, toChatBody } from "./schema";

export async function POST(request: Request): Promise<Response> {
  const provider = getProvider();
  let openAi;
  let chat;
  let client;
  let slot;
  try {
    guardAction(request);
    client = limitKey(request, requireApiKey(request));
    await checkRequestRate("chat", client);
    openAi = await readJsonBody(request, OpenAiChatRequestSchema, MAX_CHAT_BODY_BYTES);
    chat = await toChatRequest(toChatBody(openAi), provider.info.capabilities.contextWindow, request.signal);
    await requireAllowedModel(openAi.model);
    slot = claimStreamSlot(client, request.signal);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = error.fields?.[0]?.field;
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (error.retryAfter !== undefined) headers["Retry-After"] = String(error.retryAfter);
    return Response.json(openAiErrorBody(error.code, error.message, error.status, field ? openAiParam(field) : null), { status: error.status, headers });
  }
  const model = openAi.model ?? provider.info.model;
  const upstreamRequest = { ...chat, ...(openAi.model ? { model: openAi.model } : {}) };
  const observers = [slot, tokenCharge(client, promptBytes(chat))];
  const produce = (signal: AbortSignal) => provider.stream(upstreamRequest, { signal });
  if (openAi.stream) {
    const encode = createOpenAiChunkEncoder(model, openAi.stream_options?.include_usage ?? false);
    return sseResponse(produce, request.signal, { encode, earlyError: openAiErrorResponse, observers });
  }
  return completionFromBatches(observeBatches(produce(request.signal), observers), model);
}
