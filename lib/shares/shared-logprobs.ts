/**
 * Per-token probabilities in a share snapshot, kept within the snapshot's size limit
 * (MAX_SNAPSHOT_BYTES, 512 KB, for the text and everything else too).
 *
 * A share keeps the model's probability of each token and at most SHARED_TOP alternatives, with
 * log-probabilities rounded to 3 decimals (0.1% of a probability): ~190 bytes a token, so a
 * 1,000-token reply costs ~190 KB. The engine's text-less top-k rest (`tail`) is never shared.
 * When a conversation's probabilities exceed LOGPROBS_BUDGET_BYTES, they are thinned in steps:
 * fewer alternatives (3, then none: shading only, ~40 bytes a token), then the earliest replies
 * lose theirs first, so the latest reply keeps the most. The page says when that happened.
 */
import type { TokenLogprob } from "../chat/events";

export const SHARED_TOP = 5;
/** What probabilities may take of the 512 KB snapshot, leaving the rest for the text and settings. */
export const LOGPROBS_BUDGET_BYTES = 320 * 1024;
/** The most tokens a shared reply keeps probabilities for (the schema's bound). */
export const MAX_SHARED_TOKENS = 8_000;

const round = (logprob: number) => Math.round(logprob * 1000) / 1000;

export function compactLogprobs(tokens: readonly TokenLogprob[], top: number): TokenLogprob[] {
  return tokens.slice(0, MAX_SHARED_TOKENS).map((t) => ({
    token: t.token,
    logprob: round(t.logprob),
    ...(top > 0 && t.top?.length ? { top: t.top.slice(0, top).map((c) => ({ token: c.token, logprob: round(c.logprob) })) } : {}),
  }));
}

const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

export interface WithLogprobs {
  logprobs?: TokenLogprob[];
  /** Set when the share holds fewer probabilities than the playground had (see above). */
  logprobsTrimmed?: boolean;
}

/**
 * The messages with their probabilities compacted, and thinned until they fit the budget.
 * `copies(i)`: how many times message i is written in the snapshot (a share with its other
 * versions writes its shown path twice: in `messages` and in the tree).
 */
export function fitLogprobs<M extends WithLogprobs>(messages: readonly M[], budget = LOGPROBS_BUDGET_BYTES, copies: (index: number) => number = () => 1): (M & WithLogprobs)[] {
  const carrying = messages.map((m, i) => (m.logprobs?.length ? i : -1)).filter((i) => i >= 0);
  const at = (top: number, dropped: number): M[] =>
    messages.map((m, i) => {
      if (!m.logprobs?.length) return m;
      const { logprobs, ...rest } = m;
      const drop = carrying.indexOf(i) < dropped;
      const full = !drop && top >= SHARED_TOP && logprobs.length <= MAX_SHARED_TOKENS && logprobs.every((t) => (t.top?.length ?? 0) <= SHARED_TOP);
      return { ...rest, ...(drop ? {} : { logprobs: compactLogprobs(logprobs, top) }), ...(full ? {} : { logprobsTrimmed: true }) } as M;
    });
  const size = (list: M[]) => list.reduce((n, m, i) => n + (m.logprobs ? bytesOf(m.logprobs) * copies(i) : 0), 0);
  for (const top of [SHARED_TOP, 3, 0]) {
    const fitted = at(top, 0);
    if (size(fitted) <= budget) return fitted;
  }
  for (let dropped = 1; dropped <= carrying.length; dropped++) {
    const fitted = at(0, dropped);
    if (size(fitted) <= budget) return fitted;
  }
  return at(0, carrying.length);
}
