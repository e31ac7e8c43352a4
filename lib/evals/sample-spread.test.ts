import { diffArrays } from "diff";
import { describe, expect, it } from "vitest";
import { NEAR_IDENTICAL, answerSimilarity, answerWords, editDistanceWithin, normalizeAnswer, sampleSpread, sweepSpread } from "./sample-spread";

const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `w${(i * 7919 + seed * 104729) % 997}`).join(" ");

describe("sample spread", () => {
  it("groups answers that differ only in whitespace as identical", () => {
    const spread = sampleSpread([{ text: " Paris is the capital.\n" }, { text: "Paris  is the\tcapital." }, { text: "Rome." }]);
    expect(spread.exactDistinct).toBe(2);
    expect(spread.groups[0]).toEqual({ text: "Paris is the capital.", samples: [0, 1], variants: 1 });
    expect(spread.agreement).toBeCloseTo(2 / 3);
  });

  it("joins near-identical answers (≥ 0.9 of their words in order) and keeps different ones apart", () => {
    const base = words(100, 1);
    const oneWordChanged = base.replace(/^w\d+/, "changed");
    const different = words(100, 2);
    const spread = sampleSpread([{ text: base }, { text: oneWordChanged }, { text: different }, { text: base }]);
    expect(spread.distinct).toBe(2);
    expect(spread.exactDistinct).toBe(3);
    expect(spread.groups.map((g) => g.samples)).toEqual([[0, 1, 3], [2]]);
    expect(spread.groups[0].variants).toBe(2);
    expect(spread.agreement).toBe(0.75);
    expect(spread.exactAgreement).toBe(0.5);
  });

  it("does not join answers with the same words in another order", () => {
    const base = words(60, 3);
    const reversed = base.split(" ").reverse().join(" ");
    expect(sampleSpread([{ text: base }, { text: reversed }]).distinct).toBe(2);
  });

  it("puts the threshold where it says: 0.9 joins, just under does not", () => {
    // 20 words, 2 replaced: common 18 of 20 + 20 → similarity 0.9 exactly.
    const a = words(20, 4);
    const list = a.split(" ");
    const b = ["x1", "x2", ...list.slice(2)].join(" ");
    expect(answerSimilarity(a, b)).toBeCloseTo(0.9);
    expect(sampleSpread([{ text: a }, { text: b }]).distinct).toBe(1);
    const c = ["x1", "x2", "x3", ...list.slice(3)].join(" ");
    expect(answerSimilarity(a, c)).toBeLessThan(NEAR_IDENTICAL);
    expect(sampleSpread([{ text: a }, { text: c }]).distinct).toBe(2);
  });

  it("reports lengths, tokens, first words or tokens, and the JSON valid rate", () => {
    const spread = sampleSpread([
      { text: '{"a": 1}', completionTokens: 5 },
      { text: "```json\n[1, 2]\n```", completionTokens: 9 },
      { text: "Sure, here it is", completionTokens: 4 },
      { text: "Sure thing", completionTokens: 2 },
    ]);
    expect(spread.length).toEqual({ min: 8, median: 13, max: 18 });
    expect(spread.tokens).toEqual({ min: 2, median: 4.5, max: 9 });
    expect(spread.firstTokens).toEqual([{ token: "Sure", count: 2 }, { token: "{", count: 1 }, { token: "`", count: 1 }]);
    expect(spread.jsonValidRate).toBe(0.5);
    expect(sampleSpread([{ text: "a", firstToken: " The" }, { text: "b", firstToken: " The" }]).firstTokens).toEqual([{ token: " The", count: 2 }]);
    expect(sampleSpread([{ text: "a", completionTokens: 1 }, { text: "b" }]).tokens).toBeNull();
  });

  it("is all zeros for no samples, and one group for one", () => {
    expect(sampleSpread([])).toMatchObject({ samples: 0, distinct: 0, agreement: 0, jsonValidRate: 0, length: { min: 0, median: 0, max: 0 } });
    expect(sampleSpread([{ text: "" }])).toMatchObject({ samples: 1, distinct: 1, agreement: 1 });
  });

  it("keeps the spread of each value of a sweep", () => {
    const sweep = sweepSpread("temperature", [
      { value: 0, samples: [{ text: "A" }, { text: "A" }] },
      { value: 1.5, samples: [{ text: "A" }, { text: "B" }] },
    ]);
    expect(sweep.points.map((p) => [p.value, p.spread.agreement, p.spread.distinct])).toEqual([[0, 1, 1], [1.5, 0.5, 2]]);
  });

  it("splits words, punctuation and unspaced scripts one character at a time", () => {
    expect(answerWords(normalizeAnswer("Hello, world! 東京は"))).toEqual(["Hello", ",", "world", "!", "東", "京", "は"]);
  });
});

describe("the bounded edit distance", () => {
  it("equals jsdiff's count of added and removed words, or -1 past the bound", () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: next() % 40 }, () => next() % 6);
      const b = Array.from({ length: next() % 40 }, () => next() % 6);
      let edits = 0;
      for (const change of diffArrays(a, b)) if (change.added || change.removed) edits += change.count;
      const max = next() % 50;
      expect(editDistanceWithin(Int32Array.from(a), Int32Array.from(b), max), `${a} / ${b} / ${max}`).toBe(edits <= max ? edits : -1);
    }
  });
});
