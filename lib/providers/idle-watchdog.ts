/**
 * Aborts when an upstream goes quiet. `touch()` only records the time: the one timer re-arms
 * itself for the remaining time when it fires, so a fast stream costs no timer work per read.
 */
export function idleWatchdog(ms: number) {
  const controller = new AbortController();
  let last = performance.now();
  let timer: ReturnType<typeof setTimeout>;
  const check = () => {
    const quiet = performance.now() - last;
    if (quiet >= ms) controller.abort();
    else timer = setTimeout(check, ms - quiet);
  };
  timer = setTimeout(check, ms);
  return {
    signal: controller.signal,
    touch: () => {
      last = performance.now();
    },
    clear: () => clearTimeout(timer),
  };
}
