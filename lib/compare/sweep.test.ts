import { describe, expect, it } from "vitest";
import { NUMERIC_PARAMS } from "../params";
import { sweepValues } from "./sweep";

const param = (key: string) => NUMERIC_PARAMS.find((p) => p.key === key)!;

describe("sweepValues", () => {
  it("spreads the values evenly, both ends included", () => {
    expect(sweepValues({ param: param("temperature"), from: 0.2, to: 1.2, count: 5 })).toEqual([0.2, 0.45, 0.7, 0.95, 1.2]);
    expect(sweepValues({ param: param("temperature"), from: 0, to: 1, count: 2 })).toEqual([0, 1]);
  });

  it("rounds each value to the parameter's step, without floating-point tails", () => {
    // 1/3 steps of 1.0 land between 0.01 steps: 0.2, 0.5333…, 0.8666…, 1.2
    expect(sweepValues({ param: param("temperature"), from: 0.2, to: 1.2, count: 4 })).toEqual([0.2, 0.53, 0.87, 1.2]);
    expect(sweepValues({ param: param("topP"), from: 0.1, to: 0.3, count: 3 })).toEqual([0.1, 0.2, 0.3]);
    // An integer parameter gets integers.
    expect(sweepValues({ param: param("maxTokens"), from: 100, to: 200, count: 6 })).toEqual([100, 120, 140, 160, 180, 200]);
    expect(sweepValues({ param: param("maxTokens"), from: 1, to: 10, count: 4 })).toEqual([1, 4, 7, 10]);
  });

  it("keeps a falling range falling, and negative ranges work", () => {
    expect(sweepValues({ param: param("temperature"), from: 1, to: 0, count: 3 })).toEqual([1, 0.5, 0]);
    expect(sweepValues({ param: param("presencePenalty"), from: -2, to: 2, count: 5 })).toEqual([-2, -1, 0, 1, 2]);
  });

  it("clamps the ends into the parameter's range", () => {
    expect(sweepValues({ param: param("topP"), from: -1, to: 5, count: 3 })).toEqual([0, 0.5, 1]);
    expect(sweepValues({ param: param("temperature"), from: Number.NaN, to: 2, count: 2 })).toEqual([0.7, 2]);
  });

  it("drops values that snap to the same step, and bounds the count to 2–6 columns", () => {
    expect(sweepValues({ param: param("temperature"), from: 0, to: 0.02, count: 6 })).toEqual([0, 0.01, 0.02]);
    expect(sweepValues({ param: param("temperature"), from: 0.5, to: 0.5, count: 4 })).toEqual([0.5]);
    expect(sweepValues({ param: param("temperature"), from: 0, to: 1, count: 10 })).toHaveLength(6);
    expect(sweepValues({ param: param("temperature"), from: 0, to: 1, count: 1 })).toEqual([0, 1]);
  });
});
