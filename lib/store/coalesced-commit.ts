/**
 * Shows a streaming reply on the page at most once per tick: any number of updates made while a
 * tick is pending are shown together by it, and the last update (the reply's end) is shown at
 * once. Costs nothing per update beyond a check whether a tick is pending.
 */
import { afterDelayOnNextFrame } from "./next-frame";

export interface CoalescedCommit {
  /** Shows the latest state on the pending tick, scheduling one if none is. */
  soon(): void;
  /** Shows the latest state now, and drops the pending tick. */
  now(): void;
}

/** `show` reads the latest state when it runs; `schedule` is afterDelayOnNextFrame but in tests. */
export function coalescedCommit(show: () => void, delayMs: number, schedule: typeof afterDelayOnNextFrame = afterDelayOnNextFrame): CoalescedCommit {
  let cancelPending: (() => void) | undefined;
  const now = () => {
    cancelPending?.();
    cancelPending = undefined;
    show();
  };
  return {
    soon() {
      cancelPending ??= schedule(now, delayMs);
    },
    now,
  };
}
