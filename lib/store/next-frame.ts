/**
 * Calls `fn` once, on the first animation frame at least `delayMs` from now. Streaming
 * replies commit at most this often: smooth to the eye, and a fast stream costs the main thread
 * a fraction of per-token or even per-frame rendering.
 */
export function afterDelayOnNextFrame(fn: () => void, delayMs: number): () => void {
  let frame = 0;
  const timer = setTimeout(() => {
    // Hidden tabs (and node) get no animation frames; apply directly there.
    const visible = typeof document !== "undefined" && document.visibilityState === "visible";
    if (visible && typeof requestAnimationFrame === "function") frame = requestAnimationFrame(fn);
    else fn();
  }, delayMs);
  return () => {
    clearTimeout(timer);
    if (frame) cancelAnimationFrame(frame);
  };
}
