import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS, NUMERIC_PARAMS, SEED_PARAM } from "../params";
import { sweepValues } from "../compare/sweep";
import { clampSamples, MAX_SAMPLES, MIN_SAMPLES, planSpread, sampleSeed } from "./spread-plan";

const params = { ...DEFAULT_PARAMS, temperature: 0.7, seed: 99 };

describe("sample spread plan", () => {
  it("runs k samples at the panel's settings, seeds base + i, recorded on each sample", () => {
    const cells = planSpread({ params, samples: 4, seeds: { policy: "vary", base: 10 } });
    expect(cells.map((c) => c.id)).toEqual(["s0", "s1", "s2", "s3"]);
    expect(cells.map((c) => c.seed)).toEqual([10, 11, 12, 13]);
    expect(cells.map((c) => c.params.seed)).toEqual([10, 11, 12, 13]);
    expect(cells.every((c) => c.value === null && c.params.temperature === 0.7)).toBe(true);
  });

  it("gives every sample the base seed under the 'same' policy", () => {
    const cells = planSpread({ params, samples: 3, seeds: { policy: "same", base: 7 } });
    expect(cells.map((c) => c.params.seed)).toEqual([7, 7, 7]);
  });

  it("sends no seed at all when the upstream ignores seeds (the panel's seed is dropped too)", () => {
    const cells = planSpread({ params, samples: 2, seeds: null });
    expect(cells.every((c) => c.seed === undefined && !("seed" in c.params))).toBe(true);
  });

  it("runs k samples at each sweep value, sample i with the same seed at every value", () => {
    const cells = planSpread({ params, samples: 2, sweep: { key: "temperature", values: sweepValues({ param: NUMERIC_PARAMS[0], from: 0, to: 1, count: 3 }) }, seeds: { policy: "vary", base: 5 } });
    expect(cells.map((c) => [c.id, c.value, c.params.temperature, c.seed])).toEqual([
      ["v0-s0", 0, 0, 5],
      ["v0-s1", 0, 0, 6],
      ["v1-s0", 0.5, 0.5, 5],
      ["v1-s1", 0.5, 0.5, 6],
      ["v2-s0", 1, 1, 5],
      ["v2-s1", 1, 1, 6],
    ]);
  });

  it("runs each sweep value once, snapped into the parameter's range", () => {
    const cells = planSpread({ params, samples: 2, sweep: { key: "maxTokens", values: [1, 2, 2, 0] }, seeds: null });
    expect(cells.map((c) => [c.value, c.params.maxTokens])).toEqual([[1, 1], [1, 1], [2, 2], [2, 2]]);
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
  });

  it("clamps k to 2–50", () => {
    expect(clampSamples(1)).toBe(MIN_SAMPLES);
    expect(clampSamples(500)).toBe(MAX_SAMPLES);
    expect(clampSamples(Number.NaN)).toBe(MIN_SAMPLES);
    expect(planSpread({ params, samples: 80, seeds: null })).toHaveLength(50);
  });

  it("wraps seeds past the largest one the server accepts", () => {
    expect(sampleSeed(SEED_PARAM.max, 0, "vary")).toBe(SEED_PARAM.max);
    expect(sampleSeed(SEED_PARAM.max, 1, "vary")).toBe(0);
    expect(sampleSeed(-5, 2, "vary")).toBe(2);
  });
});
