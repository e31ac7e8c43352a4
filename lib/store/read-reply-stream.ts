/**
 * A reply as it streams: each network read's events are applied to it as they arrive, the page
 * sees it at most once per commit delay while it streams and at once when it ends, and the clock
 * hears of its first text and its end.
 */
import type { EventBatch } from "../chat/events";
import { applyEvents } from "./apply-event";
import { coalescedCommit } from "./coalesced-commit";
import type { afterDelayOnNextFrame } from "./next-frame";
import { finishedReply } from "./reply-endings";
import type { ReplyClock } from "./reply-metrics";
import type { UiMessage } from "./ui-message";

export interface ReadReplyOptions {
  /** Puts the reply on the page (into the store). */
  show(reply: UiMessage): void;
  commitDelayMs: number;
  clock: ReplyClock;
  /** The reply goes on from one the user picked a token of (continueFrom). */
  isContinuation: boolean;
  /** For tests: when a held update is shown (afterDelayOnNextFrame). */
  schedule?: typeof afterDelayOnNextFrame;
}

/** Reads `batches` into `start` and returns the reply as the stream left it. */
export async function readReplyStream(batches: AsyncIterable<EventBatch>, start: UiMessage, options: ReadReplyOptions): Promise<UiMessage> {
  const { show, commitDelayMs, clock, isContinuation, schedule } = options;
  let reply = start;
  // The reply advances with every read; the page sees it at most once per commit delay.
  const commit = coalescedCommit(() => show(reply), commitDelayMs, schedule);
  for await (const events of batches) {
    const before = reply;
    reply = applyEvents(reply, events);
    if (reply.content.length > before.content.length) clock.textArrived();
    if (reply.state === "streaming") {
      if (reply !== before) commit.soon();
      continue;
    }
    clock.finished();
    reply = finishedReply(reply, clock.metrics(reply.usage), isContinuation);
    commit.now();
  }
  return reply;
}
