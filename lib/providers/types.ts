import type { ProviderCapabilities } from "../chat/capabilities";
import type { EventBatch } from "../chat/events";
import type { ChatMessage, ChatRequest } from "../chat/request";

export type ProviderKind = "modelslab" | "openai-compatible" | "anthropic-compatible" | "local";

/** What the page shows about the upstream serving right now. Never holds a secret. */
export interface ProviderInfo {
  kind: ProviderKind;
  /** Human label: "ModelsLab", "OpenAI-compatible server (host)", "Local llama.cpp engine". */
  label: string;
  model: string;
  /** For the local engine: the GGUF file name. */
  modelFile?: string;
  /** True when the generated random-weight demo model serves. */
  isDemo: boolean;
  capabilities: ProviderCapabilities;
}

export interface StreamOptions {
  signal: AbortSignal;
  /**
   * The least time between two batches, in ms: a reader that shows text at its own pace (the
   * playground page) gains nothing from more, and every batch costs a write, a network read and
   * a parse on both sides. The first batch and the end are never held (./batch-queue).
   */
  batchIntervalMs?: number;
}

export interface ChatProvider {
  info: ProviderInfo;
  /**
   * Yields batches of events (all that one upstream read or engine step produced) and always
   * ends with exactly one `finish` or `error`, as the last event of the last batch; never throws.
   */
  stream(request: ChatRequest, options: StreamOptions): AsyncIterable<EventBatch>;
  /** Model ids the upstream serves (OpenAI `/models`, ModelsLab `/v1/models`); throws a readable Error. */
  listModels?(signal: AbortSignal): Promise<string[]>;
  /**
   * Prompt tokens as the upstream counts them (Anthropic's /v1/messages/count_tokens), offered
   * only where that beats the local Mistral tokenizer; throws a readable Error.
   */
  countPromptTokens?(systemMessage: string, messages: readonly ChatMessage[], signal: AbortSignal): Promise<number>;
  /**
   * Token counts of prompt texts by the engine's own tokenizer: offered where the engine evaluates
   * exactly lib/chat/mixtral-template's segments (the embedded engine), so "Show model input" can
   * say that this is what the model read.
   */
  countSegmentTokens?(texts: readonly string[]): Promise<number[]>;
  /** Prepares expensive state (a local model) ahead of the first request. */
  warmUp?(): Promise<void>;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
