import "server-only";
import type { BatchObserver } from "../../chat/batch-observer";
import { getEnv } from "../../env";
import { AppError } from "../../errors";

/**
 * How many replies one client may stream at once (CHAT_CONCURRENT_LIMIT, 6 by default: compare
 * mode's six columns). Requests per minute do not bound this: six slow streams started in one
 * second hold six upstream slots for minutes. Counted per instance, in memory: a stream lives on
 * one instance, and its end is certain to be seen there.
 */
const active = new Map<string, number>();

/**
 * Takes one of `key`'s stream slots, or throws AppError 429 when all are taken. The slot is given
 * back when the returned observer hears the reply end, or when the request is aborted, whichever
 * comes first (sse-response calls `end` on every path; the abort covers a response never read).
 */
export function claimStreamSlot(key: string, requestSignal: AbortSignal): BatchObserver {
  const limit = getEnv().CHAT_CONCURRENT_LIMIT;
  const taken = active.get(key) ?? 0;
  if (taken >= limit) {
    throw new AppError(429, "rate_limited", `Too many replies at once: at most ${limit} streams per client. Wait for one to finish or stop one.`, undefined, 1);
  }
  active.set(key, taken + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    requestSignal.removeEventListener("abort", release);
    const left = (active.get(key) ?? 1) - 1;
    if (left > 0) active.set(key, left);
    else active.delete(key);
  };
  requestSignal.addEventListener("abort", release, { once: true });
  return { batch: (batch) => batch, end: release };
}

/** For tests: streams `key` holds now. */
export const streamsHeld = (key: string) => active.get(key) ?? 0;
