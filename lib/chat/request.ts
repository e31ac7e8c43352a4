/**
 * The chat request every layer speaks: the browser's store builds it, the routes validate it
 * (lib/chat/schema.ts), providers turn it into an upstream body through a dialect.
 */
import type { SamplingParams } from "../params";

/** A function call the model made: `arguments` is JSON text, as every dialect carries it. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * One turn. Flat rather than a union per role: most code only reads role and content, and the
 * schema (lib/chat/schema.ts) enforces which role may carry which field.
 */
export interface ChatMessage {
  role: "user" | "assistant" | "tool";
  content: string;
  /** Assistant turns: the functions it called (its content may then be empty). */
  toolCalls?: ToolCall[];
  /** Tool turns: the call this is the result of. */
  toolCallId?: string;
}

export interface FunctionDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

/**
 * Settings beyond the sampling parameters. Each is sent only to upstreams whose capabilities
 * accept it; otherwise the stream opens with a `warnings` event naming it.
 */
export interface RequestOptions {
  // Stop sequences are not here: they are a parameter (params.stop, lib/params.ts STOP_PARAM), so
  // the table carries them to every body, View code and shares; one place, no second copy.
  responseFormat?: { type: "text" } | { type: "json_object" } | { type: "json_schema"; schema: Record<string, unknown>; name?: string };
  tools?: FunctionDefinition[];
  toolChoice?: "auto" | "none" | "required" | { name: string };
  /** Per-token log-probabilities, with this many alternatives per token (0–20). */
  logprobs?: { top: number };
}

export interface ChatRequest {
  systemMessage: string;
  messages: ChatMessage[];
  params: SamplingParams;
  options?: RequestOptions;
  /** Overrides the provider's configured model id for this request. */
  model?: string;
}

/** What the browser posts to /api/chat: the same request. */
export type ChatRequestBody = ChatRequest;
