/**
 * A database that is down is not asked again by every request: after a failed open, requests get
 * that failure at once for REOPEN_AFTER_MS, then the next one tries again (and a failed open
 * leaves no connection pool behind).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reopen-"));
let db: typeof import("./services");

beforeAll(async () => {
  // Nothing listens on port 1: every open fails with ECONNREFUSED.
  Object.assign(process.env, { DATABASE_URL: "postgres://postgres@127.0.0.1:1/none", DATA_DIR: dataDir });
  vi.useFakeTimers({ toFake: ["performance"] });
  db = await import("./services");
});
afterAll(() => {
  vi.useRealTimers();
  delete process.env.DATABASE_URL;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("opening a database that is down", () => {
  it("fails once, answers the same failure without a new attempt for a while, then tries again", async () => {
    const first = await db.getShareService().catch((error: Error) => error);
    expect(first).toBeInstanceOf(Error);
    expect((first as Error).message).toMatch(/ECONNREFUSED/);
    // Usage recording and shares share the one open: the same failure, not a second attempt.
    expect(await db.getUsageRepository().catch((error: Error) => error)).toBe(first);
    vi.advanceTimersByTime(db.REOPEN_AFTER_MS - 1);
    expect(await db.getShareService().catch((error: Error) => error)).toBe(first);
    vi.advanceTimersByTime(2);
    const retried = await db.getShareService().catch((error: Error) => error);
    expect(retried).toBeInstanceOf(Error);
    expect(retried).not.toBe(first);
  });
});
