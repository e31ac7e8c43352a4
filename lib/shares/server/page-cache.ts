/**
 * Rendered share pages, kept in this process's memory: a share is immutable until it is revoked
 * or expires, and rendering one (markdown, highlighting, React) costs ~100 ms of CPU, so it is
 * rendered once and then sent from here.
 *
 * What is kept is the page's HTML rendered with NONCE_PLACEHOLDER in place of the CSP nonce;
 * every response gets its own fresh nonce substituted (see proxy.ts), so no nonce is ever reused.
 * The cache never decides whether a link is live: the proxy asks the database on every request,
 * so a revoke answers 410 on every instance at once. Revoking also drops the cached copy, here
 * and, with REDIS_URL, on every instance (a message on INVALIDATION_CHANNEL).
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import { redisConnections } from "../../db/redis";

export interface CachedPage {
  /** The page's HTML with NONCE_PLACEHOLDER where the nonce goes. */
  html: string;
  /** Response headers worth repeating (content type, cache control, vary, link). */
  headers: [string, string][];
}

export const INVALIDATION_CHANNEL = "playground:share-invalidated";
/** Longest a page stays cached without being read again; expiring links leave at their expiry. */
const MAX_AGE_MS = 10 * 60_000;
const MAX_BYTES = 64 * 1024 * 1024;

interface State {
  pages: LRUCache<string, CachedPage>;
  /** Renders under way, so 50 readers of a fresh link cause one render, not 50. */
  pending: Map<string, Promise<CachedPage | null>>;
  /** Random per process: the marker of the proxy's own render request, and the nonce stand-in. */
  renderSecret: string;
  placeholder: string;
}

// On globalThis: the proxy and the route handlers must see the same cache.
const holder = globalThis as typeof globalThis & { __sharePageCache?: State };

function state(): State {
  if (!holder.__sharePageCache) {
    holder.__sharePageCache = {
      pages: new LRUCache<string, CachedPage>({
        maxSize: MAX_BYTES,
        sizeCalculation: (page) => page.html.length * 2 + 200,
        ttl: MAX_AGE_MS,
        updateAgeOnGet: false,
      }),
      pending: new Map(),
      renderSecret: randomBytes(24).toString("base64url"),
      // Base64 characters only, as a real nonce; long and random, so it occurs nowhere else in a page.
      placeholder: `cachedpagenonce${randomBytes(18).toString("hex")}`,
    };
    subscribeToInvalidations();
  }
  return holder.__sharePageCache;
}

export const renderSecret = () => state().renderSecret;
export const noncePlaceholder = () => state().placeholder;

/** The cached page, or one rendered by `render` (concurrent callers share one render). Null: not cacheable. */
export async function cachedPage(id: string, expiresAt: Date | null, render: () => Promise<CachedPage | null>): Promise<CachedPage | null> {
  const { pages, pending } = state();
  const hit = pages.get(id);
  if (hit) return hit;
  let rendering = pending.get(id);
  if (!rendering) {
    rendering = render()
      .then((page) => {
        const ttl = expiresAt ? Math.min(MAX_AGE_MS, expiresAt.getTime() - Date.now()) : MAX_AGE_MS;
        // A revoke that arrived while rendering removed `id` from pending: do not store its page.
        if (page && ttl > 0 && pending.get(id) === rendering) pages.set(id, page, { ttl });
        return page;
      })
      .catch(() => null)
      .finally(() => {
        if (pending.get(id) === rendering) pending.delete(id);
      });
    pending.set(id, rendering);
  }
  return rendering;
}

export const isCached = (id: string) => holder.__sharePageCache?.pages.has(id) ?? false;

/** Drops this instance's copy. */
export function forgetPage(id: string): void {
  holder.__sharePageCache?.pages.delete(id);
  holder.__sharePageCache?.pending.delete(id);
}

/** A share was revoked: drop its page here and tell every other instance to do the same. */
export async function invalidateSharePage(id: string): Promise<void> {
  forgetPage(id);
  const redis = redisConnections();
  if (!redis) return;
  // Redis down: the others still answer 410 (they ask the database), and their copy ages out.
  await redis.commands.publish(INVALIDATION_CHANNEL, id).catch(() => {});
}

function subscribeToInvalidations() {
  const redis = redisConnections();
  if (!redis) return;
  redis.subscriber.on("message", (channel: string, id: string) => {
    if (channel === INVALIDATION_CHANNEL) forgetPage(id);
  });
  redis.subscriber.subscribe(INVALIDATION_CHANNEL).catch(() => {
    /* logged once by lib/db/redis; ioredis subscribes again when it reconnects */
  });
}

/** Subscribes at start, so copies made later are dropped on time. */
export function startSharePageCache(): void {
  state();
}
