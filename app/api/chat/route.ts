import { AppError } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { parseChatRequest } from "@/lib/server/parse-chat-request";
import { sseResponse } from "@/lib/server/sse-response";

export async function POST(request: Request): Promise<Response> {
  let chat;
  try {
    chat = await parseChatRequest(request);
  } catch (error) {
    if (error instanceof AppError) return error.toResponse();
    throw error;
  }
  const provider = getProvider();
  return sseResponse((signal) => provider.stream(chat, { signal }), request.signal);
}
