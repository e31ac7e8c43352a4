/**
 * The samples of a sample-spread run: k per setting, at the panel's settings or at each value of
 * a sweep of one parameter (its values from compare mode's sweepValues, given by the caller:
 * lib/compare sits above this layer). Each sample gets
 * its own seed, recorded, so any one of them can be opened as a conversation and sent again.
 */
import { clampParam, NUMERIC_PARAMS, SEED_PARAM, type NumericParamKey, type SamplingParams } from "../params";

export const MIN_SAMPLES = 2;
export const MAX_SAMPLES = 50;

/** "vary": sample i gets base + i; "same": every sample gets the base (a check that the run is deterministic). */
export type SeedPolicy = "vary" | "same";

export interface SpreadSweepPlan {
  key: NumericParamKey;
  /** The values to run at, in order (compare mode's sweepValues: evenly spaced, on the parameter's step, each once). */
  values: number[];
}

export interface SpreadPlanInput {
  params: SamplingParams;
  /** Samples per setting; clamped to MIN_SAMPLES–MAX_SAMPLES. */
  samples: number;
  sweep?: SpreadSweepPlan | null;
  /** null when the upstream ignores seeds: none is sent, and the samples differ by chance alone. */
  seeds: { policy: SeedPolicy; base: number } | null;
}

export interface SpreadCell {
  id: string;
  /** The sample's number within its setting, from 0. */
  index: number;
  /** The swept parameter's value, or null without a sweep. */
  value: number | null;
  /** The seed sent, when one is. */
  seed?: number;
  params: SamplingParams;
}

export const clampSamples = (k: number) => (Number.isFinite(k) ? Math.min(MAX_SAMPLES, Math.max(MIN_SAMPLES, Math.round(k))) : MIN_SAMPLES);

/** Seeds wrap past the largest one the schema accepts, so a base near it still gives k distinct seeds. */
export function sampleSeed(base: number, index: number, policy: SeedPolicy): number {
  const start = Math.min(SEED_PARAM.max, Math.max(SEED_PARAM.min, Math.round(base)));
  return policy === "same" ? start : (start + index) % (SEED_PARAM.max + 1);
}

/**
 * Every sample to run, setting by setting. Sample i has the same seed at every sweep value, so
 * the values are compared over the same dice rather than fresh ones.
 */
export function planSpread({ params, samples, sweep, seeds }: SpreadPlanInput): SpreadCell[] {
  const k = clampSamples(samples);
  const param = sweep ? NUMERIC_PARAMS.find((p) => p.key === sweep.key)! : null;
  // Snapped into the parameter's range and step, then each once: two equal settings compare nothing.
  const values: (number | null)[] = sweep && param ? [...new Set(sweep.values.map((v) => clampParam(param, v)))] : [null];
  const cells: SpreadCell[] = [];
  for (const value of values) {
    const base: SamplingParams = { ...params };
    if (sweep && value !== null) base[sweep.key] = value;
    delete base.seed;
    for (let index = 0; index < k; index++) {
      const seed = seeds ? sampleSeed(seeds.base, index, seeds.policy) : undefined;
      cells.push({
        id: value === null ? `s${index}` : `v${values.indexOf(value)}-s${index}`,
        index,
        value,
        ...(seed !== undefined ? { seed } : {}),
        params: seed !== undefined ? { ...base, seed } : { ...base },
      });
    }
  }
  return cells;
}
