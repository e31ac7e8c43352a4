/**
 * POST: an OpenAI-compatible chat-completions endpoint over whatever provider serves the
 * playground, so "View code" snippets and any OpenAI client can use it — also with the
 * embedded engine, offline. Same validation as /api/chat; errors in OpenAI's shape and status.
 */
import { MAX_CHAT_BODY_BYTES } from "@/lib/chat/schema";
import { completionFromBatches, createOpenAiChunkEncoder } from "@/lib/dialects/openai/encode";
import { openAiErrorBody, openAiErrorResponse } from "@/lib/dialects/openai/errors";
import { AppError } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { toChatRequest } from "@/lib/server/parse-chat-request";
import { readJsonBody } from "@/lib/server/read-json-body";
import { sseResponse } from "@/lib/server/sse-response";
import { openAiParam, OpenAiChatRequestSchema, toChatBody } from "./schema";

export async function POST(request: Request): Promise<Response> {
  const provider = getProvider();
  let openAi;
  let chat;
  try {
    openAi = await readJsonBody(request, OpenAiChatRequestSchema, MAX_CHAT_BODY_BYTES);
    chat = await toChatRequest(toChatBody(openAi), provider.info.capabilities.contextWindow, request.signal);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = error.fields?.[0]?.field;
    return Response.json(openAiErrorBody(error.code, error.message, error.status, field ? openAiParam(field) : null), { status: error.status });
  }
  const model = openAi.model ?? provider.info.model;
  const upstreamRequest = { ...chat, ...(openAi.model ? { model: openAi.model } : {}) };
  if (openAi.stream) {
    const encode = createOpenAiChunkEncoder(model, openAi.stream_options?.include_usage ?? false);
    return sseResponse((signal) => provider.stream(upstreamRequest, { signal }), request.signal, { encode, earlyError: openAiErrorResponse });
  }
  return completionFromBatches(provider.stream(upstreamRequest, { signal: request.signal }), model);
}
