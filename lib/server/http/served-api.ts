import "server-only";
import { randomBytes } from "node:crypto";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { errorDialectOf, errorResponse, thrownResponse } from "./error-response";
import { methodNotAllowed } from "./method-not-allowed";

/**
 * What every answer of the served API (/api/v1) carries, whichever route gives it, decided in
 * proxy.ts before the route runs, so streams, errors and 404s get it alike:
 *
 * - `x-request-id: req_<32 hex>`, new for each request, as OpenAI sends (its SDKs expose it as
 *   `_request_id`; Anthropic's read `request-id`, given the same value). An id a client sends is
 *   not reused: ids here must be unique and unforgeable in what we log and what users report.
 * - CORS, off by default. With CORS_ORIGINS set, a listed origin gets its own origin echoed in
 *   `Access-Control-Allow-Origin` (never `*`: only listed pages may read answers), preflights
 *   are answered here, and `Vary: Origin` tells caches the answer depends on it. No credentials:
 *   the API takes its key in a header, never a cookie.
 */
export const ALLOWED_METHODS = "GET, POST, OPTIONS";

/** Request headers the official SDKs send: OpenAI's and Anthropic's, including their `x-stainless-*` telemetry. */
const ALLOWED_HEADERS = new Set([
  "authorization",
  "content-type",
  "x-api-key",
  "anthropic-version",
  "anthropic-beta",
  "anthropic-dangerous-direct-browser-access",
  "openai-organization",
  "openai-project",
  "idempotency-key",
]);
const allowedHeader = (name: string) => ALLOWED_HEADERS.has(name) || name.startsWith("x-stainless-");

/** Response headers a page may read besides the safelisted ones. */
const EXPOSED_HEADERS = "x-request-id, request-id, retry-after";
const PREFLIGHT_MAX_AGE_S = 600;

export const newRequestId = () => `req_${randomBytes(16).toString("hex")}`;

export interface ServedApiHeaders {
  /** Set on the route's answer. */
  headers: Record<string, string>;
  /** A CORS preflight, answered here without reaching a route. */
  preflight?: Response;
}

export function servedApiHeaders(request: Request): ServedApiHeaders {
  const id = newRequestId();
  const headers: Record<string, string> = { "x-request-id": id, "request-id": id };
  const cors = getEnv().corsOrigins;
  const origin = request.headers.get("origin");
  const listed = origin !== null && cors.has(origin);
  if (cors.size) headers.Vary = "Origin";
  if (listed) {
    headers["Access-Control-Allow-Origin"] = origin;
    headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS;
  }
  const isPreflight = request.method === "OPTIONS" && origin !== null && request.headers.has("access-control-request-method");
  if (!isPreflight) return { headers };
  if (!listed) {
    const refused = new AppError(403, "cors_origin_not_allowed", "This origin may not call this API from a browser (the server's CORS_ORIGINS does not list it).");
    return { headers, preflight: errorResponse(refused, errorDialectOf(new URL(request.url).pathname), headers) };
  }
  const requested = (request.headers.get("access-control-request-headers") ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const preflightHeaders = {
    ...headers,
    "Access-Control-Allow-Methods": ALLOWED_METHODS,
    // Echoes what was asked, when allowed: `x-stainless-*` cannot be listed with a wildcard.
    "Access-Control-Allow-Headers": requested.filter(allowedHeader).join(", "),
    "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE_S),
  };
  return { headers, preflight: new Response(null, { status: 204, headers: preflightHeaders }) };
}

type Handler = (request: Request, ...rest: never[]) => Response | Promise<Response>;

const SERVER_ERROR = new AppError(500, "server_error", "The server could not answer this request. Please try again.");

/** Sets `headers` on a route's answer (one built by a route has mutable headers; any other is copied). */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}

/**
 * A route handler of the served API, with what every answer there carries (x-request-id, CORS);
 * a CORS preflight is answered here, before the handler. In the routes rather than in proxy.ts:
 * a proxy makes Next buffer each request body (up to 10 MB, reading the whole upload) before the
 * route runs, which would undo the routes' byte caps and body budget. Sync stays sync.
 */
export function servedApi<H extends Handler>(handler: H): H {
  return ((request: Request, ...rest: never[]) => {
    const { headers, preflight } = servedApiHeaders(request);
    if (preflight) return preflight;
    // Whatever a route throws still gets an answer in its clients' shape, with the headers (and so
    // a request id to report), instead of Next's bare 500.
    const failed = (error: unknown) => thrownResponse(request, error, errorDialectOf(new URL(request.url).pathname), SERVER_ERROR, headers);
    try {
      const answer = handler(request, ...rest);
      return answer instanceof Promise ? answer.then((response) => withHeaders(response, headers), failed) : withHeaders(answer, headers);
    } catch (error) {
      return failed(error);
    }
  }) as H;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Every method of a served-API route: its own handlers, and for the other methods a JSON 405 with
 * Allow and an OPTIONS that lists what it takes (lib/server/http/method-not-allowed.ts), all through
 * servedApi. `export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ POST: answer })`.
 */
export function servedRoute<H extends Partial<Record<Method, Handler>>>(handlers: H): H & Record<Exclude<Method, keyof H> | "OPTIONS", (request: Request) => Response> {
  const allowed = Object.keys(handlers) as Method[];
  const all: Record<string, Handler> = { ...methodNotAllowed(allowed), ...(handlers as Record<string, Handler>) };
  return Object.fromEntries(Object.entries(all).map(([method, handler]) => [method, servedApi(handler)])) as H & Record<Exclude<Method, keyof H> | "OPTIONS", (request: Request) => Response>;
}
