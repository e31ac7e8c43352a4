import { describe, expect, it } from "vitest";
import { createLatestRun } from "./latest-run";

describe("createLatestRun", () => {
  it("starting a run aborts the one before", () => {
    const runs = createLatestRun();
    const first = runs.start();
    const second = runs.start();
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
  });

  it("a superseded run ending late does not end the latest one", () => {
    const runs = createLatestRun();
    const first = runs.start();
    const second = runs.start();
    expect(runs.end(first)).toBe(false);
    expect(runs.isRunning).toBe(true);
    expect(runs.end(second)).toBe(true);
    expect(runs.isRunning).toBe(false);
  });

  it("abort stops the latest run but it stays the latest until it ends itself", () => {
    const runs = createLatestRun();
    const run = runs.start();
    runs.abort();
    expect(run.signal.aborted).toBe(true);
    expect(runs.isRunning).toBe(true);
    expect(runs.end(run)).toBe(true);
  });

  it("abort without a run does nothing", () => {
    const runs = createLatestRun();
    expect(() => runs.abort()).not.toThrow();
    expect(runs.isRunning).toBe(false);
  });
});
