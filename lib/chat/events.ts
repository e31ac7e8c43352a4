/**
 * The events a chat stream carries from a provider, through our routes, to the browser or an
 * SDK client. Every stream ends with exactly one `finish` or `error`; every producer guarantees
 * it and every consumer relies on it.
 */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "abort" | "other";

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
  | "context_length_exceeded"
  | "network_error";

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** A setting the upstream does not support: named at the start of the stream, never dropped silently. */
export interface Warning {
  setting: string;
  message: string;
}

/** One token of a reply with its log-probability (natural log, the model's: before sampling). */
export interface TokenLogprob {
  /** Its text; "" for a token that only completes a character together with the next one(s). */
  token: string;
  logprob: number;
  /** The likeliest alternatives at this step (the token itself among them when it was one). */
  top?: { token: string; logprob: number }[];
  /**
   * Log-probabilities of the further candidates the sampler's top-k considered, after `top` and
   * without their text (embedded engine only): with them the browser redoes top-p exactly.
   */
  tail?: number[];
}

export type StreamEvent =
  | { type: "warnings"; warnings: Warning[] }
  /** `block` tells content blocks apart (Anthropic's blocks, several choices); absent means block 0. */
  | { type: "text-delta"; text: string; block?: number }
  | { type: "tool-call-delta"; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: "logprobs"; tokens: TokenLogprob[] }
  | { type: "usage"; usage: Usage }
  /**
   * `signature` lets a share prove this server generated the reply (see lib/shares).
   * `stopSequence`: which of the request's stop sequences ended it (reason "stop"), where the
   * producer knows (the embedded engine, Anthropic-compatible upstreams); Anthropic's API reports it.
   */
  | { type: "finish"; reason: FinishReason; signature?: string; stopSequence?: string }
  | { type: "error"; code: ErrorCode; message: string; retryAfter?: number }
  /**
   * One event of one of several generations answering the same request (OpenAI's `n`): the
   * served API merges n provider streams into one (lib/chat/merge-choices.ts). A choice's own
   * `finish` travels wrapped, so it is not terminal; the merged stream ends with one plain
   * `finish` (or `error`) after every choice has finished. Only the served API produces these.
   */
  | { type: "choice"; index: number; event: ChoiceContentEvent };

/** What a choice carries inside the merged stream: its content and its own finish. */
export type ChoiceContentEvent = Extract<StreamEvent, { type: "text-delta" | "tool-call-delta" | "logprobs" | "finish" }>;

export type ErrorEvent = Extract<StreamEvent, { type: "error" }>;
export type TerminalEvent = Extract<StreamEvent, { type: "finish" | "error" }>;

/**
 * What one upstream read (or one engine step) produced. Providers yield batches, not single
 * events, so a read that delivered 40 tokens costs one await and one write downstream.
 */
export type EventBatch = readonly StreamEvent[];

export const isTerminal = (e: StreamEvent): e is TerminalEvent => e.type === "finish" || e.type === "error";
