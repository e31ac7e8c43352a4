/**
 * POST: an OpenAI-compatible chat-completions endpoint over whatever provider serves the
 * playground, so "View code" snippets and any OpenAI client can use it — also with the
 * embedded engine, offline. Same validation as /api/chat; errors in OpenAI's shape.
 */
import { AppError } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { completionFromEvents, createOpenAiChunkEncoder } from "@/lib/server/openai-wire-encoder";
import { toChatRequest } from "@/lib/server/parse-chat-request";
import { readJsonBody } from "@/lib/server/read-json-body";
import { sseResponse } from "@/lib/server/sse-response";
import { openAiParam, OpenAiChatRequestSchema, toChatBody } from "./schema";

export async function POST(request: Request): Promise<Response> {
  let openAi;
  let chat;
  try {
    openAi = await readJsonBody(request, OpenAiChatRequestSchema, 2_000_000);
    chat = toChatRequest(toChatBody(openAi));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = error.fields?.[0]?.field;
    return Response.json(
      { error: { message: error.message, type: "invalid_request_error", param: field ? openAiParam(field) : null, code: error.code } },
      { status: error.status },
    );
  }
  const provider = getProvider();
  const model = openAi.model ?? provider.info.model;
  const upstreamRequest = { ...chat, ...(openAi.model ? { model: openAi.model } : {}) };
  if (openAi.stream) {
    const encode = createOpenAiChunkEncoder(model, openAi.stream_options?.include_usage ?? false);
    return sseResponse((signal) => provider.stream(upstreamRequest, { signal }), request.signal, encode);
  }
  return completionFromEvents(provider.stream(upstreamRequest, { signal: request.signal }), model);
}
