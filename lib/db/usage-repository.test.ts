/**
 * One suite, both databases, real connections: SQLite on a temp file, PostgreSQL on a fresh
 * database of the server in DATABASE_URL (.ci/run sets it; without it only SQLite runs).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repositoryBackends, type OpenedBackend } from "../testing/repository-backends";
import { postgresUsageRepository } from "./postgres-usage-repository";
import { sqliteUsageRepository } from "./sqlite-usage-repository";
import type { UsageEntry, UsageRepository } from "./usage-repository";

type Opened = OpenedBackend<UsageRepository>;

const backends = repositoryBackends<UsageRepository>({ sqlite: sqliteUsageRepository, postgres: postgresUsageRepository });

const entry = (overrides: Partial<UsageEntry> = {}): UsageEntry => ({
  keyId: "a1b2c3d4e5f6",
  model: "mistralai-mixtral-8x7b-instruct",
  surface: "api",
  at: new Date("2026-11-26T10:00:00Z"),
  promptTokens: 20,
  completionTokens: 7,
  estimated: false,
  costNanoUsd: 14_580,
  ...overrides,
});

describe.each(backends)("usage repository on $name", (backend) => {
  let env: Opened;
  let usage: UsageRepository;

  beforeEach(async () => {
    env = await backend.setup();
    usage = await env.open();
  });
  afterEach(() => env.teardown());

  it("adds each reply to its key's row for the day, model and surface", async () => {
    await usage.record(entry());
    await usage.record(entry({ promptTokens: 5, completionTokens: 3, costNanoUsd: 2_000 }));
    await usage.record(entry({ estimated: true, promptTokens: 1, completionTokens: 1, costNanoUsd: 100 }));
    expect(await usage.rows("a1b2c3d4e5f6", "2026-11-01")).toEqual([
      { day: "2026-11-26", model: "mistralai-mixtral-8x7b-instruct", surface: "api", requests: 3, promptTokens: 26, completionTokens: 11, estimatedRequests: 1, costNanoUsd: 16_680, unpricedRequests: 0 },
    ]);
  });

  it("keeps keys, days, models and surfaces apart, newest day first, and reads from a day on", async () => {
    await usage.record(entry());
    await usage.record(entry({ keyId: "other" }));
    await usage.record(entry({ surface: "playground" }));
    await usage.record(entry({ model: "some-other-model", costNanoUsd: null }));
    await usage.record(entry({ at: new Date("2026-11-25T23:59:59Z") }));
    await usage.record(entry({ at: new Date("2026-10-01T00:00:00Z") }));
    const rows = await usage.rows("a1b2c3d4e5f6", "2026-11-25");
    expect(rows.map((r) => [r.day, r.model, r.surface, r.requests, r.costNanoUsd, r.unpricedRequests])).toEqual([
      ["2026-11-26", "mistralai-mixtral-8x7b-instruct", "api", 1, 14_580, 0],
      ["2026-11-26", "mistralai-mixtral-8x7b-instruct", "playground", 1, 14_580, 0],
      ["2026-11-26", "some-other-model", "api", 1, 0, 1],
      ["2026-11-25", "mistralai-mixtral-8x7b-instruct", "api", 1, 14_580, 0],
    ]);
    expect(await usage.rows("other", "2026-01-01")).toHaveLength(1);
    expect(await usage.rows("nobody", "2026-01-01")).toEqual([]);
  });

  it("keeps the priced requests' cost when a row also gets requests without a known price", async () => {
    await usage.record(entry());
    await usage.record(entry({ costNanoUsd: null }));
    await usage.record(entry());
    const [row] = await usage.rows("a1b2c3d4e5f6", "2026-11-26");
    expect(row).toMatchObject({ requests: 3, costNanoUsd: 2 * 14_580, unpricedRequests: 1 });
  });

  it("deletes every key's rows before a day, and keeps that day and later", async () => {
    await usage.record(entry({ at: new Date("2025-10-20T12:00:00Z") }));
    await usage.record(entry({ keyId: "other", at: new Date("2025-10-21T00:00:00Z") }));
    await usage.record(entry({ at: new Date("2025-10-22T00:00:00Z") }));
    expect(await usage.deleteBefore("2025-10-22")).toBe(2);
    expect((await usage.rows("a1b2c3d4e5f6", "2000-01-01")).map((r) => r.day)).toEqual(["2025-10-22"]);
    expect(await usage.rows("other", "2000-01-01")).toEqual([]);
  });

  it("loses no count when replies end at once on two connections (two instances)", async () => {
    const second = await env.open();
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? usage : second).record(entry({ promptTokens: i, completionTokens: 1 }))));
    const [row] = await usage.rows("a1b2c3d4e5f6", "2026-11-26");
    expect(row.requests).toBe(40);
    expect(row.promptTokens).toBe((39 * 40) / 2);
    expect(row.completionTokens).toBe(40);
    expect(row.costNanoUsd).toBe(40 * 14_580);
  });
});
