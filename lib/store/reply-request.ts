/** What is sent to /api/chat for a reply: the settings of the moment and the conversation so far. */
import type { ChatRequestBody } from "../client/chat-stream";
import { toRequestMessages } from "../chat/request-messages";
import type { UiMessage } from "./ui-message";

/** Everything a request carries besides the messages, as ConversationStoreOptions.settings gives it. */
export type RequestSettings = Omit<ChatRequestBody, "messages">;

/**
 * The request for a reply to `history`; given `continued` (the partial reply to go on from),
 * the request ends with it, which the server takes as "continue this".
 */
export function replyRequest(settings: RequestSettings, history: readonly UiMessage[], continued?: UiMessage): ChatRequestBody {
  return { ...settings, messages: toRequestMessages(continued ? [...history, continued] : history) };
}
