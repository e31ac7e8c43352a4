/**
 * Turns what an upstream says when it fails into one clear, specific message.
 * Handles OpenAI-style `{"error":{...}}`, ModelsLab's `{"status":"error","message"|"messege"}`
 * (also inside a 200), and plain-text bodies.
 */
import type { ErrorCode, StreamEvent } from "../stream/events";

type ErrorEvent = Extract<StreamEvent, { type: "error" }>;

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
  if (status >= 400) return "bad_request";
  return "upstream_error";
}

const HEADLINES: Record<ErrorCode, string> = {
  bad_request: "The upstream rejected the request",
  invalid_key: "The upstream rejected the API key; check the key configured on the server",
  out_of_credits: "The upstream account is out of credits",
  forbidden: "This model is not available on the upstream account's plan",
  rate_limited: "The upstream is rate limiting requests",
  upstream_unavailable: "The upstream service is unavailable right now",
  upstream_unreachable: "Could not reach the upstream server",
  timeout: "The upstream took too long to answer",
  connection_dropped: "The connection to the upstream dropped before the reply finished",
  malformed_stream: "The upstream sent a response that could not be read",
  upstream_error: "The upstream reported an error",
  engine_error: "The local engine failed",
  invalid_request: "The request was invalid",
  network_error: "Could not reach the playground server",
};

export function errorEvent(code: ErrorCode, detail?: string, retryAfter?: number): ErrorEvent {
  let message = HEADLINES[code];
  if (detail) message += `: ${detail}`;
  if (retryAfter !== undefined) message += ` (retry in ${retryAfter} s)`;
  message += ".";
  return retryAfter === undefined ? { type: "error", code, message } : { type: "error", code, message, retryAfter };
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
