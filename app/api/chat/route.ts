/** POST: one chat turn, streamed as this app's SSE events (lib/dialects/playground). */
import { encodePlaygroundEvents } from "@/lib/dialects/playground/encode";
import { AppError } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { parseChatRequest } from "@/lib/server/parse-chat-request";
import { guardAction } from "@/lib/server/request-guards";
import { sseResponse } from "@/lib/server/sse-response";

export async function POST(request: Request): Promise<Response> {
  const provider = getProvider();
  let chat;
  try {
    guardAction(request);
    chat = await parseChatRequest(request, provider.info.capabilities.contextWindow);
  } catch (error) {
    if (error instanceof AppError) return error.toResponse();
    throw error;
  }
  return sseResponse((signal) => provider.stream(chat, { signal }), request.signal, { encode: encodePlaygroundEvents });
}
