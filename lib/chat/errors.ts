/**
 * One error vocabulary for every stream and route: a code, and the readable headline the chat
 * shows for it. Dialects map codes to their own shapes and statuses (lib/dialects/X/errors.ts).
 */
import type { ErrorCode, ErrorEvent } from "./events";

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
  context_length_exceeded: "The conversation does not fit the model's context window",
  network_error: "Could not reach the playground server",
};

export function errorEvent(code: ErrorCode, detail?: string, retryAfter?: number): ErrorEvent {
  let message = HEADLINES[code];
  if (detail) message += `: ${detail}`;
  if (retryAfter !== undefined) message += ` (retry in ${retryAfter} s)`;
  message += ".";
  return retryAfter === undefined ? { type: "error", code, message } : { type: "error", code, message, retryAfter };
}

/**
 * The HTTP status a served API answers for each code that is the client's fault (or its limits):
 * the same in every dialect, and 4xx so SDKs do not retry them (504 is a timeout they may retry).
 * Each dialect adds its own statuses for upstream trouble (lib/dialects/X/errors.ts).
 */
export const CLIENT_FAULT_STATUS = {
  bad_request: 400,
  invalid_request: 400,
  context_length_exceeded: 400,
  invalid_key: 401,
  out_of_credits: 402,
  forbidden: 403,
  rate_limited: 429,
  timeout: 504,
} as const satisfies Partial<Record<ErrorCode, number>>;
