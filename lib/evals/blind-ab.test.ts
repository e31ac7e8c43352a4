import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { abResultsMarkdown } from "./ab-results-markdown";
import { clampRounds, MAX_ROUNDS, pickedSetting, planAbRounds, roundParams, settingShownAs, tallyAb, type AbRound } from "./blind-ab";

/** A fixed sequence in place of Math.random. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

describe("blind A/B", () => {
  it("draws which setting is shown as A per round and records it", () => {
    const rounds = planAbRounds(4, 100, sequence(0.1, 0.9, 0.49, 0.5));
    expect(rounds.map((r) => r.aIs)).toEqual([0, 1, 0, 1]);
    expect(rounds.map((r) => [settingShownAs(r, "A"), settingShownAs(r, "B")])).toEqual([
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it("uses one seed per round for both settings, a different one each round", () => {
    const rounds = planAbRounds(3, 41, sequence(0.2));
    expect(rounds.map((r) => r.seed)).toEqual([41, 42, 43]);
    const one = { ...DEFAULT_PARAMS, temperature: 0.2, seed: 1 };
    const two = { ...DEFAULT_PARAMS, temperature: 1.2 };
    expect([roundParams(one, rounds[1]).seed, roundParams(two, rounds[1]).seed]).toEqual([42, 42]);
  });

  it("sends no seed when the upstream ignores seeds", () => {
    const [round] = planAbRounds(1, null, sequence(0.2));
    expect(round.seed).toBeUndefined();
    expect("seed" in roundParams({ ...DEFAULT_PARAMS, seed: 3 }, round)).toBe(false);
  });

  it("randomises the order: over many rounds both orders occur about equally", () => {
    const rounds = planAbRounds(MAX_ROUNDS, 0);
    expect(rounds).toHaveLength(MAX_ROUNDS);
    const orders = Array.from({ length: 2000 }, () => planAbRounds(1, 0)[0].aIs);
    const shownFirst = orders.filter((a) => a === 0).length;
    expect(shownFirst).toBeGreaterThan(850);
    expect(shownFirst).toBeLessThan(1150);
  });

  it("tallies picks per setting through the recorded order, not per letter", () => {
    const rounds: AbRound[] = [
      { index: 0, aIs: 0, pick: "A" }, // setting 1
      { index: 1, aIs: 1, pick: "A" }, // setting 2
      { index: 2, aIs: 1, pick: "B" }, // setting 1
      { index: 3, aIs: 0, pick: "tie" },
      { index: 4, aIs: 1 }, // not judged
    ];
    expect(rounds.map(pickedSetting)).toEqual([0, 1, 0, "tie", undefined]);
    expect(tallyAb(rounds)).toEqual({ wins: [2, 1], ties: 1, judged: 4, rounds: 5 });
  });

  it("clamps the number of rounds to 1–20", () => {
    expect(clampRounds(0)).toBe(1);
    expect(clampRounds(99)).toBe(MAX_ROUNDS);
    expect(planAbRounds(Number.NaN, null)).toHaveLength(1);
  });

  it("writes the results as Markdown: settings with the differing one marked, tally, every round", () => {
    const markdown = abResultsMarkdown({
      message: "Name a river | any",
      systemMessage: "Be brief.",
      settings: [
        { ...DEFAULT_PARAMS, temperature: 0.2 },
        { ...DEFAULT_PARAMS, temperature: 1.2 },
      ],
      rounds: [
        { index: 0, seed: 7, aIs: 1, pick: "A" },
        { index: 1, seed: 8, aIs: 0, pick: "tie" },
      ],
    });
    expect(markdown).toContain("> Name a river | any");
    expect(markdown).toContain("| **Temperature** | 0.2 | 1.2 |");
    expect(markdown).toContain("| Top P | 0.9 | 0.9 |");
    expect(markdown).toContain("The settings differ in Temperature (0.2 vs 1.2).");
    expect(markdown).toContain("Setting 1 won 0, Setting 2 won 1, ties 1.");
    expect(markdown).toContain("| 1 | 7 | Setting 2 | A is better | Setting 2 |");
    expect(markdown).toContain("| 2 | 8 | Setting 1 | Tie | tie |");
  });
});
