/**
 * Where rate limits count: memory without REDIS_URL (ioredis never constructed), Redis with it
 * (shared by every instance), memory again while Redis is down (one warning per outage).
 * The shared case needs the Redis this machine kind runs at 127.0.0.1:6379; it skips without one.
 */
import net from "node:net";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { afterEach, describe, expect, it, vi } from "vitest";

const SHARED_REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function fresh(redisUrl: string | undefined) {
  vi.resetModules();
  if (redisUrl === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = redisUrl;
  const redis = await import("../../db/redis");
  await redis.closeRedis();
  return { ...(await import("./limiter-store")), ...redis };
}

const reachable = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port || 6379), hostname, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });

const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const sharedRedisUp = await reachable(SHARED_REDIS);

afterEach(async () => {
  await (await import("../../db/redis")).closeRedis();
  delete process.env.REDIS_URL;
  vi.doUnmock("ioredis");
  vi.restoreAllMocks();
});

describe("createLimiter", () => {
  it("without REDIS_URL counts in memory and never constructs a Redis client", async () => {
    vi.doMock("ioredis", () => ({
      default: class {
        constructor() {
          throw new Error("ioredis must not be constructed without REDIS_URL");
        }
      },
    }));
    const { createLimiter, redisConnections, redisHealth } = await fresh(undefined);
    const limiter = createLimiter("memory-test", 2);
    expect(limiter).toBeInstanceOf(RateLimiterMemory);
    await limiter.consume("k");
    await limiter.consume("k");
    await expect(limiter.consume("k")).rejects.toBeInstanceOf(RateLimiterRes);
    expect(redisConnections()).toBeNull();
    expect(await redisHealth()).toEqual({ status: "not configured" });
  });

  it.runIf(sharedRedisUp)("with REDIS_URL counts in Redis: another instance's limiter sees the same budget", async () => {
    const name = `test-${Math.random().toString(36).slice(2)}`;
    const first = await fresh(SHARED_REDIS);
    const a = first.createLimiter(name, 3);
    expect(a).toBeInstanceOf(RateLimiterRedis);
    await new Promise<void>((resolve) => first.redisConnections()!.commands.once("ready", () => resolve()));
    await a.consume("client");
    await a.consume("client");
    expect(await first.redisHealth()).toMatchObject({ status: "ok" });
    await first.closeRedis();

    // A second process: its own module state and connection.
    const second = await fresh(SHARED_REDIS);
    const b = second.createLimiter(name, 3);
    await new Promise<void>((resolve) => second.redisConnections()!.commands.once("ready", () => resolve()));
    expect((await b.consume("client")).remainingPoints).toBe(0);
    await expect(b.consume("client")).rejects.toBeInstanceOf(RateLimiterRes);
  });

  it("with Redis down keeps limiting in memory and warns once, not once per request", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { createLimiter, redisHealth } = await fresh(`redis://:secret-pass@127.0.0.1:${await closedPort()}`);
    const limiter = createLimiter("down-test", 5);
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 5; i++) await limiter.consume("client");
    await expect(limiter.consume("client")).rejects.toBeInstanceOf(RateLimiterRes);
    await new Promise((r) => setTimeout(r, 1_000));
    const redisWarnings = warn.mock.calls.filter(([text]) => String(text).includes("Redis at"));
    expect(redisWarnings.map(([text]) => text)).toHaveLength(1);
    expect(String(redisWarnings[0][0])).not.toContain("secret-pass");
    expect(await redisHealth()).toMatchObject({ status: "error" });
  });
});
