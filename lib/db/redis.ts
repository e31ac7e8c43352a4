/**
 * The process's Redis connections, only when REDIS_URL is set (without it nothing here connects,
 * or even constructs a client). One connection for commands (rate limits, publishing), one for
 * subscriptions (Redis puts a subscribing connection in a mode where it takes no other commands).
 *
 * Redis is a helper, never a dependency: commands fail fast while it is down (no offline queue,
 * a short command timeout), callers fall back to this instance's memory, and one warning is
 * logged per outage (not one per request), plus one line when it is back.
 */
import "server-only";
import Redis, { type RedisOptions } from "ioredis";
import { getEnv } from "../env";

interface Connections {
  commands: Redis;
  subscriber: Redis;
  /** host:port only: never the password or username. */
  where: string;
  down: boolean;
  /** closeRedis() was called: its disconnection is not an outage. */
  closing: boolean;
}

// On globalThis: dev-mode module reloads must not open new connections each time.
const holder = globalThis as typeof globalThis & { __redis?: Connections | null };

const OPTIONS: RedisOptions = {
  // A few hundred ms is long for a rate-limit lookup; past that the memory fallback answers.
  connectTimeout: 2_000,
  commandTimeout: 500,
  maxRetriesPerRequest: 1,
  // Keep trying to come back, at most every 2 s.
  retryStrategy: (attempt) => Math.min(200 * attempt, 2_000),
};

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 6379}`;
  } catch {
    return "(unparseable REDIS_URL)";
  }
}

function open(url: string): Connections {
  const connections: Connections = {
    // Commands fail at once while disconnected instead of queueing behind a reconnect.
    commands: new Redis(url, { ...OPTIONS, enableOfflineQueue: false, connectionName: "playground" }),
    // Subscriptions queue until connected and are renewed after every reconnect.
    subscriber: new Redis(url, { ...OPTIONS, commandTimeout: undefined, maxRetriesPerRequest: null, connectionName: "playground-sub" }),
    where: describe(url),
    down: false,
    closing: false,
  };
  const lost = (error?: Error) => {
    if (connections.down || connections.closing) return;
    connections.down = true;
    console.warn(
      `Redis at ${connections.where} is unavailable${error ? ` (${error.message})` : ""}: rate limits are per instance and share-page invalidations stay on this instance until it is back.`,
    );
  };
  const back = () => {
    if (!connections.down) return;
    connections.down = false;
    console.warn(`Redis at ${connections.where} is back: rate limits are shared again.`);
  };
  for (const client of [connections.commands, connections.subscriber]) {
    // Without an 'error' listener ioredis prints every failed reconnect attempt.
    client.on("error", lost);
    client.on("end", () => lost());
  }
  connections.commands.on("ready", back);
  return connections;
}

/** Null without REDIS_URL. Connects on first use. */
export function redisConnections(): Connections | null {
  if (holder.__redis === undefined) {
    const url = getEnv().REDIS_URL;
    holder.__redis = url ? open(url) : null;
  }
  return holder.__redis;
}

export type RedisHealth = { status: "not configured" } | { status: "ok"; latencyMs: number } | { status: "error"; reason: string };

/** A PING with a timeout, for GET /api/health. */
export async function redisHealth(timeoutMs = 1_000): Promise<RedisHealth> {
  const connections = redisConnections();
  if (!connections) return { status: "not configured" };
  if (connections.commands.status !== "ready") return { status: "error", reason: `not connected (${connections.commands.status})` };
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      connections.commands.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - start) };
  } catch (error) {
    return { status: "error", reason: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Closes both connections (shutdown, tests). */
export async function closeRedis(): Promise<void> {
  const connections = holder.__redis;
  holder.__redis = undefined;
  if (!connections) return;
  connections.closing = true;
  await Promise.allSettled([connections.commands.quit(), connections.subscriber.quit()]);
}
