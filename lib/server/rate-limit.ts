import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { clientAddress } from "./client-address";

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
