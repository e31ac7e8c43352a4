/**
 * Where rate-limit counters live. With REDIS_URL: in Redis, so every instance counts against the
 * same budget, with an in-memory limiter as insurance (while Redis is down each instance limits on
 * its own and the app keeps serving). Without: in this process's memory.
 */
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { redisConnections } from "../../db/redis";

/** `name` keeps one limiter's counters apart from another's in the shared store. */
export function createLimiter(name: string, points: number, durationS = 60): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: durationS });
  const redis = redisConnections();
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis.commands,
    keyPrefix: `playground:limit:${name}`,
    points,
    duration: durationS,
    insuranceLimiter: memory,
    // Not connected: the insurance limiter answers at once instead of the command failing later.
    rejectIfRedisNotReady: true,
  });
}
