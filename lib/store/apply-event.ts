/**
 * The reducer of a streaming reply: one StreamEvent applied to the assistant message it
 * belongs to. Pure, so it is tested under node and shared by every conversation instance.
 */
import type { StreamEvent } from "../chat/events";
import type { ToolCall, UiMessage } from "./ui-message";

export function applyEvent(message: UiMessage, event: StreamEvent): UiMessage {
  // Exactly one terminal event ends a reply; anything after it is a producer bug, not new content.
  if (message.state !== "streaming") return message;
  switch (event.type) {
    case "text-delta":
      return event.text ? { ...message, content: message.content + event.text } : message;
    case "tool-call-delta":
      return { ...message, toolCalls: withToolCallDelta(message.toolCalls ?? [], event) };
    case "warnings":
      return { ...message, warnings: [...(message.warnings ?? []), ...event.warnings] };
    case "logprobs":
      return { ...message, logprobs: [...(message.logprobs ?? []), ...event.tokens] };
    case "usage":
      return { ...message, usage: event.usage };
    case "finish":
      return {
        ...message,
        state: event.reason === "abort" ? "stopped" : "done",
        finishReason: event.reason,
        ...(event.signature !== undefined ? { signature: event.signature } : {}),
      };
    case "error": {
      const { code, message: text, retryAfter } = event;
      return { ...message, state: "error", error: { code, message: text, ...(retryAfter ? { retryAfter } : {}) } };
    }
    default:
      // A newer server may send event types this page does not know yet.
      return message;
  }
}

/** Everything one network read delivered, applied in one step. */
export const applyEvents = (message: UiMessage, events: readonly StreamEvent[]): UiMessage => events.reduce(applyEvent, message);

/** Tool calls arrive as deltas keyed by index: the id and name once, the arguments in pieces. */
function withToolCallDelta(calls: ToolCall[], delta: Extract<StreamEvent, { type: "tool-call-delta" }>): ToolCall[] {
  const next = [...calls];
  for (let i = next.length; i <= delta.index; i++) next[i] = { name: "", arguments: "" };
  const current = next[delta.index];
  next[delta.index] = {
    ...current,
    ...(delta.id !== undefined ? { id: delta.id } : {}),
    ...(delta.name ? { name: delta.name } : {}),
    arguments: current.arguments + delta.argumentsDelta,
  };
  return next;
}
