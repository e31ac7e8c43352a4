/**
 * Aborts when an upstream goes quiet. `touch()` only records the time: the one timer re-arms
 * itself for the remaining time when it fires, so a fast stream costs no timer work per read.
 * While held (we paused the upstream because our own reader is slow), quiet is not the
 * upstream's doing and does not count.
 */
export function idleWatchdog(ms: number) {
  const controller = new AbortController();
  let last = performance.now();
  let held = false;
  let timer: ReturnType<typeof setTimeout>;
  const check = () => {
    const quiet = performance.now() - last;
    if (!held && quiet >= ms) controller.abort();
    else timer = setTimeout(check, held ? ms : ms - quiet);
  };
  timer = setTimeout(check, ms);
  return {
    signal: controller.signal,
    touch: () => {
      last = performance.now();
    },
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      last = performance.now();
    },
    clear: () => clearTimeout(timer),
  };
}
