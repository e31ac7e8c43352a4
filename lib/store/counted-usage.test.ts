import { describe, expect, it } from "vitest";
import { needsCountedUsage, withCountedUsage } from "./counted-usage";
import type { UiMessage } from "./ui-message";

const reply = (extra: Partial<UiMessage> = {}): UiMessage => ({ id: "r1", role: "assistant", content: "Hello", state: "done", ...extra });
const counted = { promptTokens: 9, completionTokens: 20 };

describe("needsCountedUsage", () => {
  it("counts a finished or stopped reply with text that came without usage", () => {
    expect(needsCountedUsage(reply())).toBe(true);
    expect(needsCountedUsage(reply({ state: "stopped" }))).toBe(true);
  });

  it("does not count a reply that has usage, no text, or failed", () => {
    expect(needsCountedUsage(reply({ usage: counted }))).toBe(false);
    expect(needsCountedUsage(reply({ content: "" }))).toBe(false);
    expect(needsCountedUsage(reply({ state: "error" }))).toBe(false);
  });
});

describe("withCountedUsage", () => {
  it("adds the usage and, to a timed reply, the speed it gives", () => {
    const timed = reply({ metrics: { timeToFirstTokenMs: 100, totalMs: 1100 } });
    expect(withCountedUsage(timed, counted, { tokensPerSecond: 20 })).toMatchObject({ usage: counted, metrics: { timeToFirstTokenMs: 100, totalMs: 1100, tokensPerSecond: 20 } });
  });

  it("an untimed reply gets the usage and no metrics", () => {
    expect(withCountedUsage(reply(), counted, { tokensPerSecond: 20 })).toEqual({ ...reply(), usage: counted });
  });
});
