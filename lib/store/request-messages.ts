/** What of the conversation goes to the model: every user message and every reply with text. */
import type { ChatMessage } from "../chat/request";
import type { UiMessage } from "./ui-message";

export function toRequestMessages(history: readonly Pick<UiMessage, "role" | "content">[]): ChatMessage[] {
  // An empty reply (failed before any text) would be an empty assistant turn the template cannot express.
  return history.filter((m) => m.role === "user" || m.content !== "").map(({ role, content }) => ({ role, content }));
}

/** The request that produced the last reply: history up to and including the last user message. */
export function lastRequestMessages(history: readonly Pick<UiMessage, "role" | "content">[]): ChatMessage[] {
  return toRequestMessages(history.slice(0, history.findLastIndex((m) => m.role === "user") + 1));
}
