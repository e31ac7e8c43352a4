import "server-only";
import { anthropicStatusErrorResponse } from "../../dialects/anthropic/errors";
import { openAiErrorBody } from "../../dialects/openai/errors";
import { redactSecrets } from "../../env";
import { AppError } from "../../errors";

/**
 * The one path from an error to an HTTP answer, for every API route. Each client reads errors in
 * its own dialect:
 * - "playground": this app's pages (`{"error": {"code", "message", "fields"?}}`);
 * - "openai": the served API under /api/v1 (`{"error": {"message", "type", "param", "code"}}`);
 * - "anthropic": Anthropic's Messages API under /api/v1/messages (`{"type": "error", "error": {type, message}}`).
 * Every answer says `Cache-Control: no-store` and, when the error has one, `Retry-After`.
 */
export type ErrorDialect = "playground" | "openai" | "anthropic";

export const isServedApiPath = (pathname: string) => pathname === "/api/v1" || pathname.startsWith("/api/v1/");

/** Anthropic's Messages API and what hangs off it: its clients read Anthropic's error shape. */
export const isAnthropicApiPath = (pathname: string) => pathname === "/api/v1/messages" || pathname.startsWith("/api/v1/messages/");

/** The dialect a path's clients read errors in. */
export function errorDialectOf(pathname: string): ErrorDialect {
  if (!isServedApiPath(pathname)) return "playground";
  return isAnthropicApiPath(pathname) ? "anthropic" : "openai";
}

/** An AppError as JSON in `dialect`, with any extra headers. */
export function errorResponse(error: AppError, dialect: ErrorDialect, headers: Record<string, string> = {}): Response {
  const response = dialect === "anthropic" ? anthropicStatusErrorResponse(error) : Response.json(errorBody(error, dialect), { status: error.status });
  const all: Record<string, string> = { "Cache-Control": "no-store", ...(error.retryAfter !== undefined ? { "Retry-After": String(error.retryAfter) } : {}), ...headers };
  for (const [name, value] of Object.entries(all)) response.headers.set(name, value);
  return response;
}

function errorBody(error: AppError, dialect: "playground" | "openai") {
  if (dialect === "openai") return openAiErrorBody(error.code, error.message, error.status, error.fields?.[0]?.field ?? null);
  return { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
}

/**
 * Whatever a route threw, answered: an AppError as itself; anything else (a bug, a database that
 * is down) logged without request data and answered as `unexpected`, so the client still gets a
 * readable message in its own shape instead of Next's bare 500.
 */
export function thrownResponse(request: Request, thrown: unknown, dialect: ErrorDialect, unexpected: AppError, headers: Record<string, string> = {}): Response {
  if (thrown instanceof AppError) return errorResponse(thrown, dialect, headers);
  console.error(redactSecrets(`${request.method} ${new URL(request.url).pathname} failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`));
  return errorResponse(unexpected, dialect, headers);
}

/** What the playground's routes answer when something not of the request's making failed. */
export const UNAVAILABLE = "This could not be done right now. Please try again.";

/**
 * A route handler of the playground's own API: whatever it throws is answered in the playground's
 * dialect (an unexpected failure as a 503 saying `unavailable`, which the route may word).
 */
export function playgroundRoute<Args extends [Request, ...unknown[]]>(handler: (...args: Args) => Promise<Response>, unavailable = UNAVAILABLE) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return thrownResponse(args[0], error, "playground", new AppError(503, "unavailable", unavailable));
    }
  };
}
