import { afterEach, describe, expect, it, vi } from "vitest";

const realExit = process.exit;
afterEach(() => {
  process.exit = realExit;
  vi.restoreAllMocks();
});

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("graceful shutdown", () => {
  it("holds Next's process.exit until share writes under way have completed", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    vi.spyOn(console, "log").mockImplementation(() => {});
    const { beginShutdown, isShuttingDown } = await import("./shutdown");
    const { trackWrite } = await import("../../db/pending-writes");
    let finishWrite!: () => void;
    void trackWrite(new Promise<void>((resolve) => (finishWrite = resolve)));

    beginShutdown("SIGTERM");
    expect(isShuttingDown()).toBe(true);
    // What next start does once its server has closed.
    process.exit(143);
    await tick(50);
    expect(exit).not.toHaveBeenCalled();
    finishWrite();
    await tick(10);
    expect(exit).toHaveBeenCalledExactlyOnceWith(143);
  });
});
