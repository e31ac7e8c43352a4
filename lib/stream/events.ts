/**
 * The events a chat stream carries from a provider, through /api/chat, to the browser.
 * Every stream ends with exactly one `finish` or `error`.
 */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "abort";

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

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export type StreamEvent =
  | { type: "text-delta"; text: string }
  | { type: "tool-call-delta"; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: "usage"; usage: Usage }
  | { type: "finish"; reason: FinishReason }
  | { type: "error"; code: ErrorCode; message: string; retryAfter?: number };

export type TerminalEvent = Extract<StreamEvent, { type: "finish" | "error" }>;

export const isTerminal = (e: StreamEvent): e is TerminalEvent => e.type === "finish" || e.type === "error";
