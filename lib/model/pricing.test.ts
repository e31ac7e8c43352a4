import { describe, expect, it } from "vitest";
import { MODEL } from "./facts";
import { costOf, formatUsd, usageCost } from "./pricing";

const mixtral = { inputPerMillion: MODEL.inputPricePerMillion, outputPerMillion: MODEL.outputPricePerMillion };

describe("cost arithmetic", () => {
  it("prices tokens per million at $0.54 for input and output", () => {
    expect(costOf(1_000_000, 0.54)).toBeCloseTo(0.54, 12);
    expect(costOf(1, 0.54)).toBeCloseTo(0.00000054, 15);
    expect(usageCost({ promptTokens: 1234, completionTokens: 566 }, mixtral)).toBeCloseTo((1800 * 0.54) / 1e6, 15);
    expect(usageCost({ promptTokens: 1000, completionTokens: 0 }, { inputPerMillion: 0.5, outputPerMillion: 1.5 })).toBeCloseTo(0.0005, 15);
    expect(usageCost({ promptTokens: 0, completionTokens: 1000 }, { inputPerMillion: 0.5, outputPerMillion: 1.5 })).toBeCloseTo(0.0015, 15);
  });

  it("formats with the digits a single request needs", () => {
    expect(formatUsd(0)).toBe("$0");
    expect(formatUsd(0.00000054)).toBe("$0.00000054");
    expect(formatUsd(0.000972)).toBe("$0.000972");
    expect(formatUsd(0.0123)).toBe("$0.0123");
    expect(formatUsd(0.54)).toBe("$0.54");
    expect(formatUsd(17.7)).toBe("$17.70");
  });
});
