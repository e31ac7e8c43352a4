/**
 * Errors in the Anthropic Messages dialect: `{"type":"error","error":{"type","message"}}` with
 * that API's statuses (400, 401, 402 billing, 403, 404, 413, 429 with retry-after, 500, 504, 529
 * overloaded), the same object as an `error` event mid-stream, and a 200 whose body is an error.
 * Compatible gateways (ModelsLab) may answer in their OpenAI-side shapes instead, so anything
 * that is not Anthropic's shape is read by the OpenAI dialect's parser.
 */
import { CLIENT_FAULT_STATUS, errorEvent } from "../../chat/errors";
import type { ErrorCode, ErrorEvent } from "../../chat/events";
import { embeddedError, embeddedFailureEvent, upstreamMessage } from "../openai/errors";

interface AnthropicErrorBody {
  type?: unknown;
  error?: { type?: unknown; message?: unknown };
}

/** The documented error types, each to one of our codes. */
const CODES: Record<string, ErrorCode> = {
  invalid_request_error: "bad_request",
  authentication_error: "invalid_key",
  billing_error: "out_of_credits",
  permission_error: "forbidden",
  not_found_error: "bad_request",
  request_too_large: "bad_request",
  rate_limit_error: "rate_limited",
  api_error: "upstream_unavailable",
  overloaded_error: "upstream_unavailable",
  timeout_error: "timeout",
};

/** What each status means when the body says nothing useful (a proxy's HTML page, say). */
const STATUS_TEXT: Record<number, string> = {
  404: "not found (check the model id and the base URL)",
  413: "the request is too large",
  529: "overloaded",
};

/** `{type:"error", error:{type, message}}`, or undefined when the body is in another shape. */
export function anthropicError(json: unknown): { type: string; message: string } | undefined {
  if (!json || typeof json !== "object") return undefined;
  const { error } = json as AnthropicErrorBody;
  if (!error || typeof error !== "object" || typeof error.type !== "string") return undefined;
  return { type: error.type, message: typeof error.message === "string" && error.message ? error.message : error.type };
}

const codeOfType = (type: string): ErrorCode => CODES[type] ?? "upstream_error";

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Seconds from a Retry-After header (seconds or a date), else from a gateway's `retry_after` in the body. */
function retryAfterSeconds(header: string | null | undefined, json: unknown): number | undefined {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  const inBody = Number((json as { retry_after?: unknown } | undefined)?.retry_after);
  return Number.isFinite(inBody) && inBody >= 0 ? inBody : undefined;
}

const TOO_LONG = /prompt is too long|context length|context window|maximum context/i;

function codeForStatus(status: number, said: { type: string; message: string } | undefined, words: string | undefined): ErrorCode {
  if (status === 401) return "invalid_key";
  if (status === 402) return "out_of_credits";
  if (status === 403) return "forbidden";
  if (status === 429) return "rate_limited";
  if (status === 408 || status === 504) return "timeout";
  // 500 api_error, 529 overloaded_error, a gateway's 502/503.
  if (status >= 500) return "upstream_unavailable";
  if (TOO_LONG.test(words ?? "")) return "context_length_exceeded";
  const byType = said ? CODES[said.type] : undefined;
  return byType && byType !== "upstream_unavailable" ? byType : "bad_request";
}

/** A non-2xx answer as one readable error: the status decides the code, the body adds its words. */
export function anthropicHttpFailureEvent({ status, body, retryAfterHeader }: { status: number; body: string; retryAfterHeader?: string | null }): ErrorEvent {
  const json = parse(body);
  const said = anthropicError(json);
  // Not Anthropic's shape: a gateway's own ({"status":"error"} as ModelsLab's OpenAI side says it), or plain text.
  const words = (said?.message ?? upstreamMessage(body) ?? STATUS_TEXT[status])?.replace(/\.\s*$/, "");
  const code = codeForStatus(status, said, words);
  const retryAfter = code === "rate_limited" ? retryAfterSeconds(retryAfterHeader, json) : undefined;
  return errorEvent(code, words ? `${words} (HTTP ${status})` : `HTTP ${status}`, retryAfter);
}

/** An `error` event mid-stream, or a 200 body that is an error object; undefined when `json` is no error. */
export function anthropicEmbeddedFailure(json: unknown): ErrorEvent | undefined {
  const said = anthropicError(json);
  if (said) {
    const code = TOO_LONG.test(said.message) ? "context_length_exceeded" : codeOfType(said.type);
    return errorEvent(code, said.message === said.type ? said.type : `${said.message.replace(/\.\s*$/, "")} (${said.type})`);
  }
  // A gateway that answers in its OpenAI-side shape, e.g. {"status":"error","message":"…"}.
  const other = embeddedError(json);
  return other === undefined ? undefined : embeddedFailureEvent(json, other);
}

/*
 * Serving side: our errors in Anthropic's shape, for this app's own Messages API (/api/v1/messages).
 * Statuses as Anthropic documents them: 400 invalid_request_error, 401 authentication_error,
 * 402 billing_error, 403 permission_error, 404 not_found_error, 413 request_too_large,
 * 429 rate_limit_error (with retry-after), 500 api_error, 504 timeout_error, 529 overloaded_error.
 */

/** Anthropic's error `type` for an HTTP status (anything else 4xx is the request's fault, else api_error). */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 504:
      return "timeout_error";
    case 529:
      return "overloaded_error";
    default:
      return status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
  }
}

/** The status an Anthropic client sees for each of our error codes (client faults stay 4xx, so SDKs do not retry them). */
const SERVED_STATUS: Record<ErrorCode, number> = {
  ...CLIENT_FAULT_STATUS,
  upstream_unavailable: 529,
  upstream_unreachable: 500,
  connection_dropped: 500,
  malformed_stream: 500,
  upstream_error: 500,
  engine_error: 500,
  network_error: 500,
};

export const anthropicErrorStatus = (code: ErrorCode): number => SERVED_STATUS[code];

/** `{"type":"error","error":{"type","message"}}`, the body of an error response and the data of an `error` event. */
export function anthropicErrorBody(status: number, message: string) {
  return { type: "error" as const, error: { type: anthropicErrorType(status), message } };
}

function anthropicJsonError(status: number, message: string, retryAfter?: number): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (retryAfter !== undefined) headers["Retry-After"] = String(retryAfter);
  return Response.json(anthropicErrorBody(status, message), { status, headers });
}

/** A stream's error event (failed before anything was sent, or a non-streamed reply) as Anthropic's error response. */
export function anthropicErrorEventResponse(event: ErrorEvent): Response {
  return anthropicJsonError(anthropicErrorStatus(event.code), event.message, event.retryAfter);
}

/** A route's refusal (status, message, Retry-After) as Anthropic's error response. */
export function anthropicStatusErrorResponse(error: { status: number; message: string; retryAfter?: number }): Response {
  return anthropicJsonError(error.status, error.message, error.retryAfter);
}
