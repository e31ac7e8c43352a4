import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors";

/**
 * The client as the nearest proxy saw it: the rightmost X-Forwarded-For entry (`next start` adds
 * the socket address when no proxy did). Used only as an in-memory key, never stored.
 */
export function clientKey(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",").at(-1)?.trim() || request.headers.get("x-real-ip") || "unknown";
}

/** A per-client limit of `perMinute` actions; over it, AppError 429 with Retry-After. */
export function createRateLimit(perMinute: number, what: string) {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async function check(request: Request): Promise<void> {
    try {
      await limiter.consume(clientKey(request));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError(429, "rate_limited", `Too many ${what}: at most ${perMinute} a minute. Try again in ${retryAfter} s.`, undefined, retryAfter);
    }
  };
}
