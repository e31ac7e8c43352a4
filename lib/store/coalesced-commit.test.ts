import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalescedCommit } from "./coalesced-commit";

// Over the real afterDelayOnNextFrame unless a test says otherwise: under node (no document) a tick runs on its timeout.
describe("coalescedCommit", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.runAllTimers();
    vi.useRealTimers();
  });

  it("shows any number of updates once, when the tick comes", () => {
    const show = vi.fn();
    const commit = coalescedCommit(show, 50);
    for (let i = 0; i < 10; i++) commit.soon();
    vi.advanceTimersByTime(49);
    expect(show).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(show).toHaveBeenCalledTimes(1);
  });

  it("asks for one tick while one is pending, however many updates come (the per-event cost is a check)", () => {
    const schedule = vi.fn<(fn: () => void, delayMs: number) => () => void>(() => () => {});
    const commit = coalescedCommit(vi.fn(), 50, schedule);
    for (let i = 0; i < 10; i++) commit.soon();
    expect(schedule).toHaveBeenCalledTimes(1);
    expect(schedule).toHaveBeenCalledWith(expect.any(Function), 50);
  });

  it("an update after a tick ran waits for a tick of its own", () => {
    const show = vi.fn();
    const commit = coalescedCommit(show, 50);
    commit.soon();
    vi.advanceTimersByTime(50);
    commit.soon();
    expect(show).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(50);
    expect(show).toHaveBeenCalledTimes(2);
  });

  it("now shows at once and drops the pending tick", () => {
    const show = vi.fn();
    const commit = coalescedCommit(show, 50);
    commit.soon();
    commit.now();
    expect(show).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(show).toHaveBeenCalledTimes(1);
  });
});
