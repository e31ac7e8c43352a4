import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "../../env";
import { AppError } from "../../errors";

/**
 * Access control when ACCESS_KEYS is set (unset: the app stays open, as a local playground
 * should be). The playground asks once for a key and keeps proof of it in an httpOnly,
 * SameSite=Strict cookie; /api/v1 takes the key as `Authorization: Bearer` or `x-api-key`.
 * Keys are compared in constant time, never logged, and known elsewhere only by a short id
 * (a hash prefix) that rate limits count per key under.
 */
export const ACCESS_COOKIE = "playground_access";
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;

interface AccessKey {
  id: string;
  digest: Buffer;
  /** What the cookie holds: derived from the key, useless as the key itself. */
  cookieProof: string;
}

let cached: { source: readonly string[]; keys: AccessKey[] } | undefined;

function accessKeys(): AccessKey[] {
  const source = getEnv().accessKeys;
  if (cached?.source !== source) {
    cached = {
      source,
      keys: source.map((key) => {
        const digest = createHash("sha256").update(key).digest();
        return { id: digest.subarray(0, 6).toString("hex"), digest, cookieProof: createHmac("sha256", key).update("playground access cookie").digest("base64url") };
      }),
    };
  }
  return cached.keys;
}

export const accessRequired = () => accessKeys().length > 0;

/** The id of the key this candidate is, checking every key in constant time; null if none. */
export function matchAccessKey(candidate: string | null | undefined): string | null {
  if (!candidate) return null;
  const digest = createHash("sha256").update(candidate).digest();
  let match: string | null = null;
  for (const key of accessKeys()) if (timingSafeEqual(digest, key.digest)) match = key.id;
  return match;
}

function matchCookie(value: string | undefined): string | null {
  const [id, proof] = value?.split(".") ?? [];
  const key = accessKeys().find((k) => k.id === id);
  if (!key || !proof) return null;
  const given = Buffer.from(proof);
  const expected = Buffer.from(key.cookieProof);
  return given.length === expected.length && timingSafeEqual(given, expected) ? key.id : null;
}

export function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

/** The Set-Cookie header that lets this browser use the playground with key `id`. */
export function accessCookie(request: Request, id: string): string {
  const key = accessKeys().find((k) => k.id === id)!;
  const secure = (request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "")) === "https" ? "; Secure" : "";
  return `${ACCESS_COOKIE}=${key.id}.${key.cookieProof}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}${secure}`;
}

/** For a page render: who this cookie value is. `keyId` null: the app has no keys (open); undefined: not let in. */
export function playgroundKeyId(value: string | undefined): string | null | undefined {
  if (!accessRequired()) return null;
  return matchCookie(value) ?? undefined;
}

/** The playground's routes: the access cookie, when keys are configured. Returns the key id, or null when open. */
export function requirePlaygroundAccess(request: Request): string | null {
  if (!accessRequired()) return null;
  const id = matchCookie(cookieValue(request, ACCESS_COOKIE));
  if (!id) throw new AppError(401, "access_required", "This playground needs an access code. Reload the page and enter it.");
  return id;
}

/** /api/v1: a key as Bearer or x-api-key, when keys are configured. Returns the key id, or null when open. */
export function requireApiKey(request: Request): string | null {
  if (!accessRequired()) return null;
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  const id = matchAccessKey(bearer ?? request.headers.get("x-api-key"));
  if (!id) throw new AppError(401, "invalid_api_key", "A valid API key is required: send it as Authorization: Bearer <key> or x-api-key.");
  return id;
}

/**
 * The prompt library (/api/v1/prompts) is reached by SDK clients with a key, and by the page with
 * its access cookie: a key sent in a header decides; without one, the cookie does. Returns the key
 * id, or null when the app is open. (Acting requests are also held to guardAction's same-origin
 * check, so another site cannot use a visitor's cookie.)
 */
export function requireLibraryAccess(request: Request): string | null {
  if (!accessRequired()) return null;
  const sentKey = request.headers.has("authorization") || request.headers.has("x-api-key");
  if (!sentKey) {
    const id = matchCookie(cookieValue(request, ACCESS_COOKIE));
    if (id) return id;
  }
  return requireApiKey(request);
}
