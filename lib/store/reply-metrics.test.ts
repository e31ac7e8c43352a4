import { describe, expect, it } from "vitest";
import { replyMetrics, replySpeed, startReplyClock } from "./reply-metrics";

const usage = (completionTokens: number) => ({ promptTokens: 10, completionTokens });

describe("replyMetrics", () => {
  it("times the first token and the whole reply from sending, in whole milliseconds", () => {
    expect(replyMetrics({ startedAt: 100, firstTokenAt: 350.4, finishedAt: 1100.6 }, undefined)).toEqual({ timeToFirstTokenMs: 250, totalMs: 1001 });
  });

  it("has no metrics for a reply that never showed text", () => {
    expect(replyMetrics({ startedAt: 100, firstTokenAt: undefined, finishedAt: 900 }, usage(5))).toBeUndefined();
  });

  it("adds the speed when the reply's tokens are known", () => {
    expect(replyMetrics({ startedAt: 0, firstTokenAt: 200, finishedAt: 1200 }, usage(25))).toEqual({ timeToFirstTokenMs: 200, totalMs: 1200, tokensPerSecond: 25 });
  });
});

describe("replySpeed", () => {
  it("counts completion tokens over the time from first to last token, to one decimal", () => {
    expect(replySpeed({ startedAt: 0, firstTokenAt: 1000, finishedAt: 4000 }, usage(10))).toEqual({ tokensPerSecond: 3.3 });
  });

  it("gives no speed without tokens or without time between the first token and the end", () => {
    expect(replySpeed({ startedAt: 0, firstTokenAt: 1000, finishedAt: 4000 }, undefined)).toEqual({});
    expect(replySpeed({ startedAt: 0, firstTokenAt: 1000, finishedAt: 4000 }, usage(0))).toEqual({});
    expect(replySpeed({ startedAt: 0, firstTokenAt: 1000, finishedAt: 1000 }, usage(10))).toEqual({});
    expect(replySpeed({ startedAt: 0, firstTokenAt: undefined, finishedAt: 1000 }, usage(10))).toEqual({});
  });
});

describe("startReplyClock", () => {
  it("keeps the first text's time and the last end's", () => {
    const times = [0, 300, 1300, 2300];
    const clock = startReplyClock(() => times.shift()!);
    clock.textArrived(); // 300
    clock.textArrived(); // text that followed: not timed
    clock.finished(); // 1300
    clock.finished(); // 2300: a producer that sent past its end
    expect(clock.metrics(usage(20))).toEqual({ timeToFirstTokenMs: 300, totalMs: 2300, tokensPerSecond: 10 });
    expect(clock.speed(usage(40))).toEqual({ tokensPerSecond: 20 });
  });

  it("reads the time once when text keeps arriving", () => {
    let reads = 0;
    const clock = startReplyClock(() => ++reads);
    for (let i = 0; i < 100; i++) clock.textArrived();
    expect(reads).toBe(2);
  });
});
