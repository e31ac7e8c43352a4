import "server-only";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { isServedApiPath } from "./error-response";

/**
 * Routes that act (spend the key, create or revoke shares, count with our CPU) must not be
 * usable by another web site through a visitor's browser. A browser can send a cross-site
 * form post or a "simple" fetch with no preflight only as text/plain, form-encoded or
 * multipart: requiring JSON shuts those out. A cross-site fetch with JSON needs a CORS
 * preflight, granted only on /api/v1 and only to CORS_ORIGINS (proxy.ts); the origin check below
 * refuses every other site outright anyway.
 */
export function requireJson(request: Request): void {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError(415, "unsupported_media_type", "Send the request body as JSON with Content-Type: application/json.");
  }
}

/**
 * Same-origin browser requests, listed origins (ALLOWED_ORIGINS) and clients that are not
 * browsers (no Origin, no Sec-Fetch-Site: curl, SDKs) pass; another site's page does not.
 * On the served API (/api/v1) the CORS_ORIGINS pass too: proxy.ts grants those pages CORS there,
 * and a request CORS lets through must not then be refused here.
 */
export function requireAllowedOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const env = getEnv();
  if (origin && (origin === ownOrigin(request) || env.allowedOrigins.has(origin))) return;
  if (origin && env.corsOrigins.has(origin) && isServedApiPath(new URL(request.url).pathname)) return;
  if (!origin && (site === null || site === "same-origin" || site === "none")) return;
  throw new AppError(403, "cross_site_request", "This endpoint does not accept requests from other web sites.");
}

/** Both checks, for every route that acts on a POST or DELETE. */
export function guardAction(request: Request): void {
  requireAllowedOrigin(request);
  requireJson(request);
}

/** The origin the browser used to reach us: the Host it sent (a proxy must keep Host, or set X-Forwarded-Host). */
function ownOrigin(request: Request): string | undefined {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host) return undefined;
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  return `${proto}://${host}`;
}
