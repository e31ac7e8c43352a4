/** /api/chat: the playground page's own dialect, its events streamed as this app's SSE (lib/dialects/playground). */
import "server-only";
import { replyShaping } from "../../chat/reply-shaping";
import { PAGE_UPDATE_INTERVAL_MS } from "../../chat/page-cadence";
import { encodePlaygroundEvents } from "../../dialects/playground/encode";
import { replySigner } from "../../signing/reply-signature";
import { sseResponse } from "../http/sse-response";
import { requirePlaygroundAccess } from "../limits/access-keys";
import { parseChatRequest } from "./parse-chat-request";
import type { ChatDialect, ParsedChat } from "./pipeline";

export const playgroundChat: ChatDialect<ParsedChat> = {
  errors: "playground",
  surface: "playground",
  access: requirePlaygroundAccess,
  async parse(request, provider) {
    const { capabilities } = provider.info;
    const chat = await parseChatRequest(request, capabilities.contextWindow, capabilities.continuation);
    return { chat, model: chat.model };
  },
  // The page shows text at its own pace; batches more often than that only cost both sides.
  streamOptions: { batchIntervalMs: PAGE_UPDATE_INTERVAL_MS },
  // Each reply is signed, so a share can show which replies this server really generated.
  observers: ({ chat }, model) => [replySigner({ model, systemMessage: chat.systemMessage, params: chat.params, messages: chat.messages, ...replyShaping(chat.options) })],
  // Errors travel in the stream (the page shows them in the chat), so no earlyError.
  respond: (_parsed, { produce, observers }, request) => sseResponse(produce, request.signal, { encode: encodePlaygroundEvents, observers }),
};
