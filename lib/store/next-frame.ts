/**
 * Calls `fn` once, on an animation frame about `delayMs` from now. Streaming replies commit at
 * most this often: smooth to the eye, and a fast stream costs the main thread a fraction of
 * per-token or even per-frame rendering.
 *
 * Calls made while a tick of the same delay is pending join that tick, and one frame runs them
 * all: compare mode's six streaming columns then render and paint together, once per tick,
 * instead of in six frames of their own (measured in bench/compare-rendering.ts).
 */
interface Tick {
  calls: Set<() => void>;
}

const pending = new Map<number, Tick>();

export function afterDelayOnNextFrame(fn: () => void, delayMs: number): () => void {
  let tick = pending.get(delayMs);
  if (!tick) {
    const calls = new Set<() => void>();
    const created: Tick = { calls };
    const run = () => {
      if (pending.get(delayMs) === created) pending.delete(delayMs);
      for (const call of calls) call();
    };
    setTimeout(() => {
      // Hidden tabs (and node) get no animation frames; apply directly there.
      const visible = typeof document !== "undefined" && document.visibilityState === "visible";
      if (visible && typeof requestAnimationFrame === "function") requestAnimationFrame(run);
      else run();
    }, delayMs);
    pending.set(delayMs, created);
    tick = created;
  }
  const joined = tick;
  joined.calls.add(fn);
  return () => {
    joined.calls.delete(fn);
  };
}
