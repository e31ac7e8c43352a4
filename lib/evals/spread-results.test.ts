import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import type { CellStatus, RunSnapshot } from "./run-scheduler";
import { planSpread } from "./spread-plan";
import { spreadResults } from "./spread-results";

const snapshotOf = (cells: Record<string, CellStatus>): RunSnapshot => ({ cells, finished: 0, total: 0, running: 0, queued: 0, pausedUntil: null, timeLeftMs: null, limit: 4 });
const done = (text: string, completionTokens = 3): CellStatus => ({ status: "done", outcome: { ok: true, text, usage: { promptTokens: 5, completionTokens } } });

describe("spread results", () => {
  it("groups the finished samples of each sweep value and leaves failed or unfinished ones out", () => {
    const cells = planSpread({ params: DEFAULT_PARAMS, samples: 3, sweep: { key: "temperature", values: [0, 1] }, seeds: { policy: "vary", base: 1 } });
    const results = spreadResults(
      cells,
      snapshotOf({
        "v0-s0": done("Paris"),
        "v0-s1": done("Paris"),
        "v0-s2": done(" Paris "),
        "v1-s0": done("Rome"),
        "v1-s1": { status: "error", outcome: { ok: false, code: "rate_limited", message: "Too many" } },
        "v1-s2": { status: "running", attempt: 0 },
      }),
    );
    expect(results.map((r) => r.value)).toEqual([0, 1]);
    expect(results[0].spread.agreement).toBe(1);
    expect(results[0].spread.tokens).toEqual({ min: 3, median: 3, max: 3 });
    expect(results[1].finished.map((f) => f.cell.seed)).toEqual([1]);
    expect(results[1].spread.samples).toBe(1);
  });

  it("maps each group's sample indices back to the sample and its seed", () => {
    const cells = planSpread({ params: DEFAULT_PARAMS, samples: 3, seeds: { policy: "vary", base: 20 } });
    const [result] = spreadResults(cells, snapshotOf({ s0: done("A b c"), s1: done("Other"), s2: done("A b c") }));
    expect(result.spread.groups.map((g) => g.samples.map((i) => result.finished[i].cell.seed))).toEqual([[20, 22], [21]]);
    expect(result.spread.agreement).toBeCloseTo(2 / 3);
  });

  it("keeps a setting's grouping when its finished samples did not change", () => {
    const cells = planSpread({ params: DEFAULT_PARAMS, samples: 2, sweep: { key: "temperature", values: [0, 1] }, seeds: null });
    const first = spreadResults(cells, snapshotOf({ "v0-s0": done("a"), "v0-s1": done("a"), "v1-s0": done("b") }));
    const second = spreadResults(cells, snapshotOf({ "v0-s0": done("a"), "v0-s1": done("a"), "v1-s0": done("b"), "v1-s1": done("c") }), first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1].spread.distinct).toBe(2);
    expect(spreadResults(cells, snapshotOf({ "v0-s0": done("a"), "v0-s1": done("a"), "v1-s0": done("b"), "v1-s1": done("c") }), second)).toBe(second);
  });
});
