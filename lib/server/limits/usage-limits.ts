import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { createLimiter } from "./limiter-store";
import { clientKey } from "../http/client-address";

/**
 * Per-client limits on the routes that spend the key or the CPU: requests per minute, and for
 * chats the tokens they use per minute (counted from each reply's usage once it ends, so a
 * client over its budget is refused at its next request). The client is its access key when
 * keys are configured, else its address. With REDIS_URL the counters are shared by every instance.
 */
type Limited = "chat" | "count";

let limiters: Record<Limited | "tokens", RateLimiterAbstract> | undefined;

function limiter(which: Limited | "tokens"): RateLimiterAbstract {
  const env = getEnv();
  limiters ??= {
    chat: createLimiter("chat", env.CHAT_RATE_LIMIT),
    count: createLimiter("count", env.COUNT_RATE_LIMIT),
    tokens: createLimiter("tokens", env.TOKEN_RATE_LIMIT),
  };
  return limiters[which];
}

const WHAT: Record<Limited, string> = { chat: "chat requests", count: "token counts" };

const tooMany = (rejection: RateLimiterRes, message: (retryAfter: number) => string) => {
  const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return new AppError(429, "rate_limited", message(retryAfter), undefined, retryAfter);
};

/** Who is limited: the access key's id, or the client's address. */
export const limitKey = (request: Request, accessKeyId: string | null) => (accessKeyId ? `key:${accessKeyId}` : `ip:${clientKey(request)}`);

/** Counts one request; over the limit (or, for chats, over the token budget), AppError 429 with Retry-After. */
export async function checkRequestRate(which: Limited, key: string): Promise<void> {
  const perMinute = which === "chat" ? getEnv().CHAT_RATE_LIMIT : getEnv().COUNT_RATE_LIMIT;
  if (which === "chat") {
    const tokens = await limiter("tokens").get(key);
    if (tokens && tokens.remainingPoints <= 0) {
      throw tooMany(tokens, (s) => `Token budget used up: at most ${getEnv().TOKEN_RATE_LIMIT.toLocaleString("en-US")} tokens a minute. Try again in ${s} s.`);
    }
  }
  try {
    await limiter(which).consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw tooMany(rejection, (s) => `Too many ${WHAT[which]}: at most ${perMinute} a minute. Try again in ${s} s.`);
  }
}

/** Charges `tokens` to `key`'s per-minute token budget (best effort: a limiter outage loses the charge). */
export function chargeTokens(key: string, tokens: number): void {
  if (tokens > 0) void limiter("tokens").penalty(key, tokens).catch(() => {});
}
