import { describe, expect, it } from "vitest";
import { pacingDelay } from "./pacing";

describe("pacingDelay", () => {
  it("makes the n-th token due n / rate seconds after the start", () => {
    // 10 tokens at 100 tokens/s: the 11th is due 100 ms after the start.
    expect(pacingDelay(5_000, 10, 100, 5_000)).toBe(100);
    expect(pacingDelay(5_000, 1, 4, 5_000)).toBe(250);
  });

  it("subtracts the time already spent, so a slow step is made up by the next ones", () => {
    expect(pacingDelay(5_000, 10, 100, 5_060)).toBe(40);
    // Behind schedule: zero or less, and sleep() does not wait at all.
    expect(pacingDelay(5_000, 10, 100, 5_150)).toBe(-50);
  });

  it("keeps fractional milliseconds for rates that do not divide a second", () => {
    expect(pacingDelay(0, 1, 3, 0)).toBeCloseTo(333.333, 3);
    expect(pacingDelay(0, 3, 3, 0)).toBe(1_000);
  });
});
