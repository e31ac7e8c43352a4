/** What a reply becomes when it ends: finished by its stream, or stopped before it was sent. */
import type { ReplyMetrics, UiMessage } from "./ui-message";

/**
 * A reply as its stream left it (done, stopped or failed), with what is known only at its end:
 * its metrics (not for a failed reply, whose timing says nothing of the model's speed) and, for
 * a continuation, no signature.
 */
export function finishedReply(reply: UiMessage, metrics: ReplyMetrics | undefined, isContinuation: boolean): UiMessage {
  let finished = reply.state !== "error" && metrics ? { ...reply, metrics } : reply;
  // The server signed only the continuation; the whole reply is partly the user's choice.
  if (isContinuation && finished.signature) finished = { ...finished, signature: undefined };
  return finished;
}

/** A reply that will stream no further (stopped while queued, or streaming when the page went away): stopped, its text kept. */
export const stoppedReply = (reply: UiMessage): UiMessage => ({ ...reply, state: "stopped", finishReason: "abort" });
