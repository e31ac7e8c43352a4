/** What of the conversation goes to the model: every user message and every reply with text. */
import type { ChatMessage, ToolCall } from "./request";

/** A message as the playground, a share or a saved conversation keeps it: a call may still lack its id. */
export interface HistoryMessage {
  role: ChatMessage["role"];
  content: string;
  toolCalls?: (Omit<ToolCall, "id"> & { id?: string })[];
  toolCallId?: string;
}

export function toRequestMessages(history: readonly HistoryMessage[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const m of history) {
    // Only calls that were complete (an id and a name) can be answered, and sent back.
    const calls = m.role === "assistant" ? (m.toolCalls ?? []).filter((c) => c.id && c.name) : [];
    // An empty reply (failed before any text) would be an empty assistant turn the template cannot express.
    if (m.role === "assistant" && m.content === "" && !calls.length) continue;
    if (m.role === "tool") messages.push({ role: "tool", content: m.content, toolCallId: m.toolCallId ?? "" });
    else if (calls.length) messages.push({ role: "assistant", content: m.content, toolCalls: calls.map((c) => ({ id: c.id!, name: c.name, arguments: c.arguments })) });
    else messages.push({ role: m.role, content: m.content });
  }
  return messages;
}

/** The request that produced the last reply: history up to the last message the user sent (text or function results). */
export function lastRequestMessages(history: readonly HistoryMessage[]): ChatMessage[] {
  return toRequestMessages(history.slice(0, history.findLastIndex((m) => m.role !== "assistant") + 1));
}
