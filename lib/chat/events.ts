/**
 * The events a chat stream carries from a provider, through /api/chat, to the browser.
 * Every stream ends with exactly one `finish` or `error`; consumers ignore event types they do
 * not know, so producers can add new ones without breaking older pages.
 */
import type { ErrorCode } from "../stream/events";

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "abort" | "other";

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** A setting the upstream does not support: reported, never dropped silently. */
export interface Warning {
  setting: string;
  message: string;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  top?: { token: string; logprob: number }[];
}

export type StreamEvent =
  | { type: "warnings"; warnings: Warning[] } // at most once, at the start
  | { type: "text-delta"; text: string; block?: number }
  | { type: "tool-call-delta"; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: "logprobs"; tokens: TokenLogprob[] }
  | { type: "usage"; usage: Usage }
  | { type: "finish"; reason: FinishReason; signature?: string }
  | { type: "error"; code: ErrorCode; message: string; retryAfter?: number };

export type TerminalEvent = Extract<StreamEvent, { type: "finish" | "error" }>;

export const isTerminal = (e: StreamEvent): e is TerminalEvent => e.type === "finish" || e.type === "error";
