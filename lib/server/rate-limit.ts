import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { clientAddress } from "./client-address";
import { createLimiter } from "./limiter-store";

let warnedUnstamped = false;

/**
 * The key a client is limited under: its address as clientAddress trusts it. Used only as an
 * in-memory key, never stored. Without the server's peer stamp every request shares one key:
 * stricter than needed, but never bypassable by a header.
 */
export function clientKey(request: Request, trustedHops = getEnv().TRUST_PROXY_HOPS): string {
  const address = clientAddress(request, trustedHops);
  if (address) return address;
  if (!warnedUnstamped) {
    warnedUnstamped = true;
    console.warn("Rate limits: requests carry no peer address (instrumentation did not run), so all clients share one limit.");
  }
  return "unknown";
}

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
