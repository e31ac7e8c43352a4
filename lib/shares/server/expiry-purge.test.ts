/** The expired-share purge runs at start and then on an interval that never keeps the process alive. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startExpiryPurge } from "./expiry-purge";

describe("startExpiryPurge", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("purges once at start, then every interval, on an unref'd timer, until stopped", async () => {
    const purge = vi.fn(async () => 0);
    const unref = vi.spyOn(globalThis, "setInterval");
    const stop = startExpiryPurge(purge, 60_000);
    expect(purge).toHaveBeenCalledTimes(1);
    const timer = unref.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);

    await vi.advanceTimersByTimeAsync(59_999);
    expect(purge).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(purge).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(purge).toHaveBeenCalledTimes(4);

    stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(purge).toHaveBeenCalledTimes(4);
  });

  it("keeps going after a failed purge (database down) and says so once per failure", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const purge = vi.fn().mockRejectedValueOnce(new Error("connection refused")).mockResolvedValue(2);
    const stop = startExpiryPurge(purge, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(purge).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith("Purging expired share links failed: connection refused");
    stop();
  });
});
