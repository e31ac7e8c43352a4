import { createOpenAICompatibleProvider } from "./openai-compatible";
import type { ChatProvider, FetchLike } from "./types";

export interface ModelsLabConfig {
  apiKey: string;
  model: string;
  baseUrl: string;
  keyInBody: boolean;
  idleTimeoutMs: number;
  fetch?: FetchLike;
}

/** ModelsLab v7 speaks OpenAI chat completions at `<base>/chat/completions`. */
export function createModelsLabProvider(config: ModelsLabConfig): ChatProvider {
  return createOpenAICompatibleProvider({
    info: { kind: "modelslab", label: "ModelsLab", model: config.model, isDemo: false },
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    keyInBody: config.keyInBody,
    idleTimeoutMs: config.idleTimeoutMs,
    // The Anthropic-compatible side lists the models: GET /v1/models.
    modelsPath: "/v1/models",
    fetch: config.fetch,
  });
}
