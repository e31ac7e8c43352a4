/**
 * What Temperature and Top P do to a next-token distribution, computed the way the embedded
 * engine's sampler does it, so the probabilities view shows what was really sampled from.
 *
 * node-llama-cpp 3.21.1 builds llama.cpp's sampler chain in this order (llama/addon/AddonSampler.cpp,
 * `rebuildChainIfNeeded`): token bias → repeat penalties → then either
 *   - temperature ≤ 0: greedy (the likeliest token; top-k and top-p are not in the chain at all), or
 *   - top-k → top-p → min-p (only when > 0) → temperature → dist (the seeded draw).
 * The steps, as llama.cpp's src/llama-sampler.cpp implements them:
 *   - top-k keeps the k likeliest (node-llama-cpp passes k = 40 unless told otherwise);
 *   - top-p takes a softmax over what top-k kept (so renormalised over those k, not the whole
 *     vocabulary), sums it in float32 from the likeliest down and keeps tokens up to and including
 *     the first one where the running sum reaches p (at least one token; p ≥ 1 does nothing);
 *   - temperature divides the kept logits by T; dist draws from their softmax.
 * Penalties and the bias come before all of this: the "before" distribution given here already has
 * them (the engine reports it after them), so only top-k, top-p and temperature remain.
 *
 * Pure and dependency-free: the engine samples with it, the browser draws the before/after bars.
 */

export interface Candidate {
  token: string;
  /** Natural log of the model's probability (the whole vocabulary, temperature 1). */
  logprob: number;
}

export interface SamplerSettings {
  temperature: number;
  topP: number;
  /** Kept before top-p; 0 or absent: no top-k step (an upstream whose sampler we do not know). */
  topK?: number;
}

export interface ShapedCandidate {
  token: string;
  /** The model's probability. */
  before: number;
  /** The probability the sampler draws it with; 0 when cut. */
  after: number;
  kept: boolean;
}

export interface ShapedDistribution {
  /** Likeliest first; ties keep the order they were given in. */
  candidates: ShapedCandidate[];
  /** How many candidates survive (they are the first `kept`): the cut-off line sits after them. */
  kept: number;
  /** What cut the list: top-k, top-p, greedy (temperature 0), or nothing. */
  cutBy: "top-k" | "top-p" | "greedy" | "none";
}

/** node-llama-cpp's default top-k, which the engine passes explicitly so the two cannot drift. */
export const ENGINE_TOP_K = 40;

const f32 = Math.fround;

/** Stable sort, likeliest first: equal log-probabilities keep their given order. */
function likeliestFirst(candidates: readonly Candidate[]): Candidate[] {
  return candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.logprob - a.c.logprob || a.i - b.i).map(({ c }) => c);
}

/**
 * How many of `sorted` top-p keeps: llama.cpp's loop, in float32 as it runs there (a running sum
 * that lands exactly on p keeps the token that reached it, so a tie at the boundary is cut
 * inside the tie: only as many tied tokens as needed are kept).
 */
function topPKeeps(sorted: readonly Candidate[], p: number): number {
  if (p >= 1 || sorted.length === 0) return sorted.length;
  const max = sorted[0].logprob;
  const unnormalised = sorted.map((c) => f32(Math.exp(f32(c.logprob - max))));
  let sum = 0;
  for (const u of unnormalised) sum = f32(sum + u);
  let cumulative = 0;
  for (let i = 0; i < unnormalised.length; i++) {
    cumulative = f32(cumulative + f32(unnormalised[i] / sum));
    if (cumulative >= f32(p)) return i + 1;
  }
  return sorted.length;
}

/**
 * The candidates before and after the sampler's top-k, top-p and temperature. Exact when
 * `candidates` holds at least the top-k set (the embedded engine sends it); with a shorter list
 * (an upstream's top_logprobs) it is computed over the listed candidates only.
 */
export function shapeDistribution(candidates: readonly Candidate[], settings: SamplerSettings): ShapedDistribution {
  const sorted = likeliestFirst(candidates);
  const shaped = (kept: number, after: (i: number) => number, cutBy: ShapedDistribution["cutBy"]): ShapedDistribution => ({
    candidates: sorted.map((c, i) => ({ token: c.token, before: Math.exp(c.logprob), after: i < kept ? after(i) : 0, kept: i < kept })),
    kept,
    cutBy: kept < sorted.length ? cutBy : "none",
  });
  if (sorted.length === 0) return { candidates: [], kept: 0, cutBy: "none" };

  // Greedy: llama.cpp scans for the first strictly larger logit, so the first of tied maxima wins.
  if (settings.temperature <= 0) return shaped(1, () => 1, "greedy");

  const topK = settings.topK && settings.topK > 0 ? Math.min(settings.topK, sorted.length) : sorted.length;
  const afterTopP = topPKeeps(sorted.slice(0, topK), settings.topP);
  const kept = Math.min(topK, afterTopP);
  const cutBy = afterTopP < topK ? "top-p" : "top-k";

  // dist: softmax of logit / T over the kept tokens (the max subtracted first, as llama.cpp does).
  const max = sorted[0].logprob / settings.temperature;
  const weights = sorted.slice(0, kept).map((c) => Math.exp(c.logprob / settings.temperature - max));
  const total = weights.reduce((a, b) => a + b, 0);
  return shaped(kept, (i) => weights[i] / total, cutBy);
}

/**
 * Picks a kept candidate the way llama.cpp's dist sampler does: one uniform draw in [0, 1),
 * then the first candidate whose running sum reaches draw × total.
 */
export function drawFrom(shaped: ShapedDistribution, uniform: number): number {
  const target = uniform * shaped.candidates.slice(0, shaped.kept).reduce((a, c) => a + c.after, 0);
  let running = 0;
  for (let i = 0; i < shaped.kept; i++) {
    running += shaped.candidates[i].after;
    if (running >= target) return i;
  }
  return shaped.kept - 1;
}
