/**
 * Pacing a reply at a steady rate (the demo model is paced so streaming can be watched): the
 * n-th token is due n / tokensPerSecond seconds after the start, so a slow step is made up by
 * the next ones instead of delaying every token after it.
 */

/** How long to wait, in ms, before the token after the first `count`; zero or less: it is already due. */
export function pacingDelay(started: number, count: number, tokensPerSecond: number, now: number): number {
  return started + (count * 1000) / tokensPerSecond - now;
}
