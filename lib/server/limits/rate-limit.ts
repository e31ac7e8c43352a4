import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../../errors";
import { clientKey } from "../http/client-address";
import { createLimiter } from "./limiter-store";

/**
 * A per-client limit of `perMinute` actions; over it, AppError 429 with Retry-After. Shared by
 * every instance when REDIS_URL is set. The limiter is made on first use, not when a route module
 * loads (the build loads them too, and must not connect anywhere).
 */
export function createRateLimit(perMinute: number, what: string) {
  let limiter: RateLimiterAbstract | undefined;
  return async function check(request: Request): Promise<void> {
    limiter ??= createLimiter(what.replaceAll(" ", "-"), perMinute);
    try {
      await limiter.consume(clientKey(request));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError(429, "rate_limited", `Too many ${what}: at most ${perMinute} a minute. Try again in ${retryAfter} s.`, undefined, retryAfter);
    }
  };
}
