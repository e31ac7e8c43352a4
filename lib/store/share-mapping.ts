/** Between the playground's messages and a snapshot's: what a share keeps, and how it comes back. */
import type { UiMessage } from "./conversation-store";
import { fitLogprobs } from "../shares/shared-logprobs";
import type { SharedMessage } from "../shares/snapshot";

/** What a share keeps of the conversation; probabilities compacted and thinned to fit (shared-logprobs). */
export function toSharedMessages(messages: UiMessage[]): SharedMessage[] {
  return fitLogprobs(
    messages
    .filter((m) => m.role !== "assistant" || m.content !== "" || m.error || m.toolCalls?.length)
    .map((m) => ({
      role: m.role,
      content: m.content,
      ...(m.toolCallId !== undefined ? { toolCallId: m.toolCallId } : {}),
      ...(m.toolCalls?.length ? { toolCalls: m.toolCalls.filter((c) => c.id && c.name).map((c) => ({ id: c.id!, name: c.name, arguments: c.arguments })) } : {}),
      ...(m.finishReason ? { finishReason: m.finishReason } : {}),
      ...(m.error ? { error: m.error.message } : {}),
      ...(m.usage ? { usage: m.usage } : {}),
      ...(m.metrics ? { metrics: m.metrics } : {}),
      ...(m.signature && m.generation ? { signature: m.signature, generation: m.generation } : {}),
      ...(m.logprobs?.length ? { logprobs: m.logprobs } : {}),
      ...(m.continuedAt !== undefined ? { continuedAt: m.continuedAt } : {}),
    })),
  );
}

export function fromSharedMessages(messages: SharedMessage[], newId: () => string): UiMessage[] {
  return messages.map((m): UiMessage => {
    const base = { id: newId(), role: m.role, content: m.content, ...(m.toolCallId !== undefined ? { toolCallId: m.toolCallId } : {}) };
    if (m.role !== "assistant") return base;
    return {
      ...base,
      state: m.error ? "error" : m.finishReason === "abort" ? "stopped" : "done",
      ...(m.finishReason ? { finishReason: m.finishReason } : {}),
      ...(m.error ? { error: { code: "upstream_error" as const, message: m.error } } : {}),
      ...(m.usage ? { usage: m.usage } : {}),
      ...(m.metrics ? { metrics: m.metrics } : {}),
      ...(m.signature && m.generation ? { signature: m.signature, generation: m.generation } : {}),
      ...(m.logprobs?.length ? { logprobs: m.logprobs } : {}),
      ...(m.continuedAt !== undefined ? { continuedAt: m.continuedAt } : {}),
      ...(m.toolCalls?.length ? { toolCalls: m.toolCalls } : {}),
    };
  });
}
