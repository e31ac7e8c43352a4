import { describe, expect, it } from "vitest";
import { drawFrom, shapeDistribution, type Candidate } from "./sampler-transform";

// Probabilities that are exact in binary, so the float32 sums of top-p land exactly where hand sums do.
const dist = (...pairs: [string, number][]): Candidate[] => pairs.map(([token, p]) => ({ token, logprob: Math.log(p) }));
const halfQuarterQuarter = dist(["a", 0.5], ["b", 0.25], ["c", 0.25]);

const after = (shaped: ReturnType<typeof shapeDistribution>) => shaped.candidates.map((c) => c.after);

describe("shapeDistribution (llama.cpp's top-k → top-p → temperature, as node-llama-cpp chains them)", () => {
  it("leaves the distribution alone at temperature 1, top-p 1 and no top-k", () => {
    const shaped = shapeDistribution(halfQuarterQuarter, { temperature: 1, topP: 1 });
    expect(shaped.kept).toBe(3);
    expect(shaped.cutBy).toBe("none");
    expect(after(shaped).map((p) => p.toFixed(6))).toEqual(["0.500000", "0.250000", "0.250000"]);
    expect(shaped.candidates.map((c) => c.before.toFixed(6))).toEqual(["0.500000", "0.250000", "0.250000"]);
  });

  it("at temperature 0 keeps only the likeliest token (greedy), whatever top-p says", () => {
    const shaped = shapeDistribution(dist(["x", 0.2], ["y", 0.7], ["z", 0.1]), { temperature: 0, topP: 0.1 });
    expect(shaped.candidates.map((c) => c.token)).toEqual(["y", "x", "z"]);
    expect(after(shaped)).toEqual([1, 0, 0]);
    expect(shaped.kept).toBe(1);
    expect(shaped.cutBy).toBe("greedy");
  });

  it("at temperature 0 with tied maxima keeps the first one given, as the greedy scan does", () => {
    const shaped = shapeDistribution(dist(["first", 0.4], ["second", 0.4], ["third", 0.2]), { temperature: 0, topP: 1 });
    expect(shaped.candidates[0]).toMatchObject({ token: "first", after: 1, kept: true });
    expect(shaped.candidates[1]).toMatchObject({ token: "second", after: 0, kept: false });
  });

  it("cuts inside a tie: top-p 0.75 over 0.5/0.25/0.25 keeps a and the first b, not the tied c", () => {
    const shaped = shapeDistribution(halfQuarterQuarter, { temperature: 1, topP: 0.75 });
    expect(shaped.kept).toBe(2);
    expect(shaped.cutBy).toBe("top-p");
    // Renormalised over the kept two: 0.5/0.75 and 0.25/0.75.
    expect(after(shaped)[0]).toBeCloseTo(2 / 3, 12);
    expect(after(shaped)[1]).toBeCloseTo(1 / 3, 12);
    expect(shaped.candidates[2]).toMatchObject({ token: "c", after: 0, kept: false, before: expect.closeTo(0.25, 12) });
  });

  it("keeps the token whose running sum first reaches p, and at least one token even at top-p 0", () => {
    expect(shapeDistribution(halfQuarterQuarter, { temperature: 1, topP: 0.5 }).kept).toBe(1);
    expect(shapeDistribution(halfQuarterQuarter, { temperature: 1, topP: 0.51 }).kept).toBe(2);
    expect(shapeDistribution(halfQuarterQuarter, { temperature: 1, topP: 0 }).kept).toBe(1);
    expect(shapeDistribution(halfQuarterQuarter, { temperature: 1, topP: 0.99 }).kept).toBe(3);
  });

  it("applies temperature after the cut: p^(1/T), renormalised over what top-p kept", () => {
    // T = 0.5 squares: 0.25 and 0.0625 → 0.8 and 0.2.
    const cold = shapeDistribution(halfQuarterQuarter, { temperature: 0.5, topP: 0.75 });
    expect(after(cold)[0]).toBeCloseTo(0.8, 12);
    expect(after(cold)[1]).toBeCloseTo(0.2, 12);
    // T = 2 takes square roots: √0.5 = 0.70711 and √0.25 = 0.5 → 0.58579 and 0.41421.
    const hot = shapeDistribution(halfQuarterQuarter, { temperature: 2, topP: 1 });
    const total = Math.SQRT1_2 + 0.5 + 0.5;
    expect(after(hot)[0]).toBeCloseTo(Math.SQRT1_2 / total, 12); // 0.41421
    expect(after(hot)[1]).toBeCloseTo(0.5 / total, 12); // 0.29289
    // Temperature never changes which tokens top-p keeps: that is decided at temperature 1.
    expect(shapeDistribution(halfQuarterQuarter, { temperature: 2, topP: 0.75 }).kept).toBe(2);
  });

  it("decides top-p over what top-k kept, renormalised: k = 2 of 0.4/0.4/0.2 makes 0.5/0.5", () => {
    const candidates = dist(["a", 0.4], ["b", 0.4], ["c", 0.2]);
    // Over all three, a alone is 0.4 < 0.5; over the top two it is exactly 0.5, which reaches p.
    expect(shapeDistribution(candidates, { temperature: 1, topP: 0.5 }).kept).toBe(2);
    const shaped = shapeDistribution(candidates, { temperature: 1, topP: 0.5, topK: 2 });
    expect(shaped.kept).toBe(1);
    expect(shaped.cutBy).toBe("top-p");
    const kOnly = shapeDistribution(candidates, { temperature: 1, topP: 1, topK: 2 });
    expect(kOnly).toMatchObject({ kept: 2, cutBy: "top-k" });
    expect(after(kOnly)).toEqual([0.5, 0.5, 0]);
  });

  it("sorts likeliest first and keeps the given order among equal candidates", () => {
    const shaped = shapeDistribution(dist(["low", 0.1], ["tie1", 0.45], ["tie2", 0.45]), { temperature: 1, topP: 1 });
    expect(shaped.candidates.map((c) => c.token)).toEqual(["tie1", "tie2", "low"]);
  });

  it("handles an empty list", () => {
    expect(shapeDistribution([], { temperature: 0.7, topP: 0.9 })).toEqual({ candidates: [], kept: 0, cutBy: "none" });
  });
});

describe("drawFrom (llama.cpp's dist: first running sum that reaches draw × total)", () => {
  const shaped = shapeDistribution(halfQuarterQuarter, { temperature: 1, topP: 1 });
  it("maps the unit interval onto the kept candidates in order", () => {
    expect(drawFrom(shaped, 0)).toBe(0);
    expect(drawFrom(shaped, 0.5)).toBe(0);
    expect(drawFrom(shaped, 0.5000001)).toBe(1);
    expect(drawFrom(shaped, 0.76)).toBe(2);
    expect(drawFrom(shaped, 0.9999999)).toBe(2);
  });
  it("never picks a cut candidate", () => {
    const cut = shapeDistribution(halfQuarterQuarter, { temperature: 1, topP: 0.75 });
    expect(drawFrom(cut, 0.9999999)).toBe(1);
  });
});
