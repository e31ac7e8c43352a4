/**
 * The stream contract now lives in lib/chat/events.ts; this module keeps the error-code
 * vocabulary and re-exports the rest so existing imports keep working during the move.
 */
export * from "../chat/events";

export type ErrorCode =
  | "bad_request"
  | "invalid_key"
  | "out_of_credits"
  | "forbidden"
  | "rate_limited"
  | "upstream_unavailable"
  | "upstream_unreachable"
  | "timeout"
  | "connection_dropped"
  | "malformed_stream"
  | "upstream_error"
  | "engine_error"
  | "invalid_request"
  | "network_error";
