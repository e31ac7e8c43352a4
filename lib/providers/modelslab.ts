import type { ProviderCapabilities } from "../chat/capabilities";
import { MODEL } from "../model/facts";
import type { Redact } from "../redact";
import { ANTHROPIC_CAPABILITIES, createAnthropicCompatibleProvider, upstreamCountsBetter } from "./anthropic-compatible";
import { createOpenAICompatibleProvider } from "./openai-compatible";
import type { ChatProvider, FetchLike } from "./types";

export interface ModelsLabConfig {
  apiKey: string;
  model: string;
  baseUrl: string;
  keyInBody: boolean;
  /** Which of ModelsLab's two endpoints: OpenAI's /chat/completions (default) or Anthropic's /v1/messages. */
  dialect?: "openai" | "anthropic";
  idleTimeoutMs: number;
  fetch?: FetchLike;
  redact?: Redact;
}

/**
 * What ModelsLab's v7 docs list for chat completions (upstream-apis.md): seed, stop, top_k (not
 * every model applies it), repetition_penalty (0.1–2), tools and JSON mode; no json_schema and no
 * log-probabilities are documented.
 */
export const MODELSLAB_CAPABILITIES: ProviderCapabilities = {
  contextWindow: MODEL.contextWindow,
  /** "5 queued requests per account" on the smallest plan (upstream-apis.md: 5/10/15 by plan). */
  concurrentStreams: 5,
  seed: true,
  stop: true,
  topK: true,
  repetitionPenalty: true,
  tools: true,
  jsonMode: true,
  jsonSchema: false,
  logprobs: false,
  // Continuing a given assistant text is not part of the OpenAI API (servers differ: vLLM's
  // continue_final_message, Mistral's prefix): none is documented for this upstream.
  continuation: false,
};

/** ModelsLab's Anthropic-compatible endpoint: the Messages API's surface, and ModelsLab's queue. */
export const MODELSLAB_ANTHROPIC_CAPABILITIES: ProviderCapabilities = { ...ANTHROPIC_CAPABILITIES, concurrentStreams: MODELSLAB_CAPABILITIES.concurrentStreams };

/**
 * ModelsLab v7 speaks OpenAI chat completions at `<base>/chat/completions`, and the Messages API
 * at `<base>/v1/messages` (x-api-key; upstream-apis.md) when the dialect is "anthropic". The key
 * always travels in a header there: the body-key form is documented for the OpenAI side only.
 */
export function createModelsLabProvider(config: ModelsLabConfig): ChatProvider {
  if (config.dialect === "anthropic") {
    return createAnthropicCompatibleProvider({
      info: { kind: "modelslab", label: "ModelsLab", model: config.model, isDemo: false },
      capabilities: MODELSLAB_ANTHROPIC_CAPABILITIES,
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      idleTimeoutMs: config.idleTimeoutMs,
      upstreamTokenCount: upstreamCountsBetter(config.model),
      fetch: config.fetch,
      redact: config.redact,
    });
  }
  return createOpenAICompatibleProvider({
    info: { kind: "modelslab", label: "ModelsLab", model: config.model, isDemo: false },
    capabilities: MODELSLAB_CAPABILITIES,
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    keyInBody: config.keyInBody,
    idleTimeoutMs: config.idleTimeoutMs,
    // The Anthropic-compatible side lists the models: GET /v1/models.
    modelsPath: "/v1/models",
    fetch: config.fetch,
    redact: config.redact,
  });
}
