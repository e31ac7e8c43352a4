import "server-only";
import { anthropicStatusErrorResponse } from "../dialects/anthropic/errors";
import { openAiErrorBody } from "../dialects/openai/errors";
import { AppError } from "../errors";

/**
 * The served API (`/api/v1/…`, for SDK clients) answers errors in OpenAI's shape
 * (`{"error": {"message", "type", "param", "code"}}`), except Anthropic's Messages API under
 * /api/v1/messages (`{"type": "error", "error": {"type", "message"}}`); the playground's own routes
 * in the app's (`{"error": {"code", "message", "fields"?}}`).
 */
export const isServedApiPath = (pathname: string) => pathname === "/api/v1" || pathname.startsWith("/api/v1/");

/** Anthropic's Messages API and what hangs off it: its clients read Anthropic's error shape. */
export const isAnthropicApiPath = (pathname: string) => pathname === "/api/v1/messages" || pathname.startsWith("/api/v1/messages/");

/** An AppError as JSON, in the shape `pathname`'s clients read, with any extra headers. */
export function apiErrorResponse(pathname: string, error: AppError, headers: Record<string, string> = {}): Response {
  if (!isServedApiPath(pathname)) {
    const response = error.toResponse();
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }
  if (isAnthropicApiPath(pathname)) {
    const response = anthropicStatusErrorResponse(error);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }
  const all: Record<string, string> = { "Cache-Control": "no-store", ...headers };
  if (error.retryAfter !== undefined) all["Retry-After"] = String(error.retryAfter);
  return Response.json(openAiErrorBody(error.code, error.message, error.status, error.fields?.[0]?.field ?? null), { status: error.status, headers: all });
}
