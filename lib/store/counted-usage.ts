/**
 * Token numbers for a reply whose upstream sent no usage: counted by /api/count-tokens once the
 * reply is done, off the streaming path.
 */
import type { Usage } from "../chat/events";
import type { ReplyMetrics, UiMessage } from "./ui-message";

/** A reply without usage is counted, unless it failed or has no text to count. */
export const needsCountedUsage = (reply: UiMessage): boolean => !reply.usage && reply.content !== "" && reply.state !== "error";

/** `current` (the reply as the store holds it now) with the counted usage, and the speed it gives when the reply was timed. */
export function withCountedUsage(current: UiMessage, usage: Usage, speed: Pick<ReplyMetrics, "tokensPerSecond">): UiMessage {
  return { ...current, usage, ...(current.metrics ? { metrics: { ...current.metrics, ...speed } } : {}) };
}
