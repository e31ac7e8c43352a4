/**
 * Errors in the OpenAI dialect, both ways.
 * In: what an OpenAI-format upstream says when it fails, as one clear, specific message. Handles
 * `{"error":{...}}`, ModelsLab's `{"status":"error","message"|"messege"}` (also inside a 200) and
 * plain-text bodies. Out: our error codes in OpenAI's shape (`type`, `code`, `param`) and status.
 */
import { CLIENT_FAULT_STATUS, errorEvent } from "../../chat/errors";
import type { ErrorCode, ErrorEvent } from "../../chat/events";

interface UpstreamFailure {
  status: number;
  body: string;
  retryAfterHeader?: string | null;
}

/** The upstream's own words, if its body has any; loose on purpose (only the fields we use). */
export function upstreamMessage(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const err = json.error;
    if (err && typeof err === "object" && typeof (err as { message?: unknown }).message === "string") {
      return (err as { message: string }).message;
    }
    if (typeof err === "string") return err;
    for (const key of ["message", "messege", "detail"]) {
      if (typeof json[key] === "string") return json[key] as string;
    }
  } catch {
    const text = body.trim();
    if (text && text.length < 300 && !text.startsWith("<")) return text;
  }
  return undefined;
}

/** A 200 body that is really an error: `{"status":"error", ...}` or `{"error": ...}`. */
export function embeddedError(json: unknown): string | undefined {
  if (!json || typeof json !== "object") return undefined;
  const obj = json as Record<string, unknown>;
  if (obj.status === "error" || obj.status === "failed" || (obj.error && !("choices" in obj))) {
    return upstreamMessage(JSON.stringify(obj)) ?? "The upstream reported an error without details.";
  }
  return undefined;
}

function retryAfterSeconds(header: string | null | undefined, body: string): number | undefined {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const value = Number(json.retry_after ?? (json.error as Record<string, unknown> | undefined)?.retry_after);
    if (Number.isFinite(value) && value >= 0) return value;
  } catch {
    /* not JSON: no hint */
  }
  return undefined;
}

function codeForStatus(status: number, said: string | undefined): ErrorCode {
  if (status === 401 || /invalid api key|unauthori[sz]ed/i.test(said ?? "")) return "invalid_key";
  if (status === 402 || /insufficient (credits|balance)|out of credits/i.test(said ?? "")) return "out_of_credits";
  if (status === 403) return "forbidden";
  if (status === 429 || /rate limit/i.test(said ?? "")) return "rate_limited";
  if (status === 408 || status === 504) return "timeout";
  if (status >= 500) return "upstream_unavailable";
  if (/context length|context window|maximum context/i.test(said ?? "")) return "context_length_exceeded";
  if (status >= 400) return "bad_request";
  return "upstream_error";
}

export function httpFailureEvent({ status, body, retryAfterHeader }: UpstreamFailure): ErrorEvent {
  const said = upstreamMessage(body);
  const code = codeForStatus(status, said);
  const retryAfter = code === "rate_limited" ? retryAfterSeconds(retryAfterHeader, body) : undefined;
  return errorEvent(code, said ? `${said} (HTTP ${status})` : `HTTP ${status}`, retryAfter);
}

/** A 200 whose body says `"status":"error"`: classify by what it says. */
export function embeddedFailureEvent(json: unknown, message: string): ErrorEvent {
  const code = codeForStatus(200, message);
  const body = JSON.stringify(json);
  return errorEvent(code, message, code === "rate_limited" ? retryAfterSeconds(null, body) : undefined);
}

/** The error event of a body that is really an error, or undefined for a real reply. */
export function openAiEmbeddedFailure(json: unknown): ErrorEvent | undefined {
  const said = embeddedError(json);
  return said === undefined ? undefined : embeddedFailureEvent(json, said);
}

/**
 * The HTTP status an OpenAI client should see for each of our codes. Client errors keep their
 * 4xx so SDKs do not retry them; upstream trouble is a 5xx (502 for a bad gateway answer).
 */
const STATUS: Record<ErrorCode, number> = {
  ...CLIENT_FAULT_STATUS,
  upstream_unavailable: 503,
  upstream_unreachable: 502,
  connection_dropped: 502,
  malformed_stream: 502,
  upstream_error: 502,
  engine_error: 500,
  network_error: 502,
};

/** OpenAI's error `type` per status: a 404 (unknown model), 405, 413 or 415 is the request's fault too. */
const TYPE = (status: number) =>
  status === 401 ? "authentication_error" : status === 403 ? "permission_error" : status === 429 ? "rate_limit_error" : status >= 400 && status < 500 ? "invalid_request_error" : "server_error";

export const openAiErrorStatus = (code: ErrorCode): number => STATUS[code];

export function openAiErrorBody(code: string, message: string, status: number, param: string | null = null) {
  return { error: { message, type: TYPE(status), param, code } };
}

/** An error event as OpenAI's JSON error response, with Retry-After when the upstream gave one. */
export function openAiErrorResponse(event: ErrorEvent): Response {
  const status = openAiErrorStatus(event.code);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (event.retryAfter !== undefined) headers["Retry-After"] = String(event.retryAfter);
  return Response.json(openAiErrorBody(event.code, event.message, status), { status, headers });
}
