import type { SamplingParams } from "../params";
import type { StreamEvent } from "../stream/events";

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  systemMessage: string;
  messages: ChatMessage[];
  params: SamplingParams;
  /** Overrides the provider's configured model id for this request. */
  model?: string;
}

export type ProviderKind = "modelslab" | "openai-compatible" | "local";

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
}

export interface ChatProvider {
  info: ProviderInfo;
  /** Yields events and always ends with exactly one `finish` or `error`; never throws. */
  stream(request: ChatRequest, options: { signal: AbortSignal }): AsyncIterable<StreamEvent>;
  /** Model ids the upstream serves (OpenAI `/models`, ModelsLab `/v1/models`); throws a readable Error. */
  listModels?(signal: AbortSignal): Promise<string[]>;
  /** Prepares expensive state (a local model) ahead of the first request. */
  warmUp?(): Promise<void>;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
