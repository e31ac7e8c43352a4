import { afterEach, describe, expect, it, vi } from "vitest";

async function healthWith(shares: () => Promise<unknown>) {
  vi.resetModules();
  Object.assign(process.env, {
    MODELSLAB_API_KEY: "sk-health-test-key-0123456789",
    DATABASE_URL: "postgres://app:db-pass-5e2a@db.internal:5432/playground",
  });
  delete process.env.REDIS_URL;
  vi.doMock("@/lib/server/services", () => ({ getShareService: shares }));
  return (await import("./route")).GET();
}

afterEach(() => {
  vi.doUnmock("@/lib/server/services");
  delete process.env.DATABASE_URL;
  delete process.env.MODELSLAB_API_KEY;
});

describe("GET /api/health", () => {
  it("reports the provider, the database and Redis (not configured) when all is well", async () => {
    const response = await healthWith(async () => ({ status: async () => "missing" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      provider: { kind: "modelslab", model: "mistralai-mixtral-8x7b-instruct" },
      database: { kind: "postgresql", status: "ok" },
      redis: { status: "not configured" },
    });
  });

  it("answers 503 with a short reason when the database is down, without secrets or URL credentials", async () => {
    const response = await healthWith(() => Promise.reject(new Error("connect to postgres://app:db-pass-5e2a@db.internal:5432 failed (key sk-health-test-key-0123456789)\nstack…")));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: "error", database: { status: "error", reason: expect.stringContaining("failed") } });
    expect(text).not.toContain("db-pass-5e2a");
    expect(text).not.toContain("sk-health-test-key");
    expect(text).not.toContain("stack");
  });

  it("answers 503 when the database does not answer in time", async () => {
    const response = await healthWith(() => new Promise(() => {}));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ database: { status: "error", reason: expect.stringMatching(/no answer within/) } });
  });
});
