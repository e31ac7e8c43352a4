/** Between the playground's messages and a snapshot's: what a share keeps, and how it comes back. */
import type { MessageTree, UiMessage } from "./conversation-store";
import { fitLogprobs } from "../shares/shared-logprobs";
import type { SharedMessage } from "../shares/snapshot";
import { pathOf } from "../tree/conversation-tree";

/** A reply that never got a word (stopped at once) is not shared: there is nothing to show or verify. */
export const keptInShare = (m: UiMessage) => m.role !== "assistant" || m.content !== "" || !!m.error || !!m.toolCalls?.length;

export const toSharedMessage = (m: UiMessage): SharedMessage => ({
  role: m.role,
  content: m.content,
  ...(m.toolCallId !== undefined ? { toolCallId: m.toolCallId } : {}),
  ...(m.toolCalls?.length ? { toolCalls: m.toolCalls.filter((c) => c.id && c.name).map((c) => ({ id: c.id!, name: c.name, arguments: c.arguments })) } : {}),
  ...(m.finishReason ? { finishReason: m.finishReason } : {}),
  ...(m.error ? { error: m.error.message } : {}),
  ...(m.usage ? { usage: m.usage } : {}),
  ...(m.metrics ? { metrics: m.metrics } : {}),
  ...(m.signature && m.generation ? { signature: m.signature, generation: m.generation } : {}),
  // What shaped a signed reply (lib/chat/reply-shaping.ts): its signature covers it, Reproduce sends it
  // again. Not on other replies, which cannot be verified or reproduced: functions are repeated per reply.
  ...(m.signature && m.generation && m.format ? { format: m.format } : {}),
  ...(m.signature && m.generation && m.offeredTools?.tools.length ? { offeredTools: m.offeredTools } : {}),
  ...(m.logprobs?.length ? { logprobs: m.logprobs } : {}),
  ...(m.continuedAt !== undefined ? { continuedAt: m.continuedAt } : {}),
});

/** What a share keeps of the conversation; probabilities compacted and thinned to fit (shared-logprobs). */
export function toSharedMessages(messages: UiMessage[]): SharedMessage[] {
  return fitLogprobs(messages.filter(keptInShare).map(toSharedMessage));
}

/** How many messages a share with the other versions holds besides those on screen (./share-tree-mapping.ts), counted without building it. */
export const otherVersionCount = (tree: MessageTree): number =>
  Object.values(tree.nodes).filter((node) => keptInShare(node.message)).length - pathOf(tree).filter(keptInShare).length;

export function fromSharedMessages(messages: SharedMessage[], newId: () => string): UiMessage[] {
  return messages.map((m) => fromSharedMessage(m, newId()));
}

export function fromSharedMessage(m: SharedMessage, id: string): UiMessage {
  const base = { id, role: m.role, content: m.content, ...(m.toolCallId !== undefined ? { toolCallId: m.toolCallId } : {}) };
  if (m.role !== "assistant") return base;
  return {
    ...base,
    state: m.error ? "error" : m.finishReason === "abort" ? "stopped" : "done",
    ...(m.finishReason ? { finishReason: m.finishReason } : {}),
    ...(m.error ? { error: { code: "upstream_error" as const, message: m.error } } : {}),
    ...(m.usage ? { usage: m.usage } : {}),
    ...(m.metrics ? { metrics: m.metrics } : {}),
    ...(m.signature && m.generation ? { signature: m.signature, generation: m.generation } : {}),
    ...(m.format ? { format: m.format } : {}),
    ...(m.offeredTools ? { offeredTools: m.offeredTools } : {}),
    ...(m.logprobs?.length ? { logprobs: m.logprobs } : {}),
    ...(m.continuedAt !== undefined ? { continuedAt: m.continuedAt } : {}),
    ...(m.toolCalls?.length ? { toolCalls: m.toolCalls } : {}),
  };
}
