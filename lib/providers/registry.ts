/**
 * Picks the provider from the environment, in this order: ModelsLab key, OpenAI-compatible
 * base URL, Anthropic-compatible base URL, local GGUF path, then the generated demo model (so a
 * fresh machine works offline).
 */
import "server-only";
import { getEnv, redactSecrets, type Env } from "../env";
import { MODEL } from "../model/facts";
import { ANTHROPIC_CAPABILITIES, createAnthropicCompatibleProvider, upstreamCountsBetter } from "./anthropic-compatible";
import { createLocalProvider } from "./local";
import { createModelsLabProvider } from "./modelslab";
import { createOpenAICompatibleProvider } from "./openai-compatible";
import type { ChatProvider } from "./types";

export function providerFromEnv(env: Env): ChatProvider {
  if (env.MODELSLAB_API_KEY) {
    return createModelsLabProvider({
      apiKey: env.MODELSLAB_API_KEY,
      model: env.MODELSLAB_MODEL,
      baseUrl: env.MODELSLAB_BASE_URL,
      keyInBody: env.MODELSLAB_KEY_IN_BODY,
      dialect: env.MODELSLAB_DIALECT,
      idleTimeoutMs: env.UPSTREAM_IDLE_TIMEOUT_MS,
      redact: redactSecrets,
    });
  }
  if (env.OPENAI_BASE_URL) {
    const host = safeHost(env.OPENAI_BASE_URL);
    const mistral = host.endsWith("mistral.ai");
    return createOpenAICompatibleProvider({
      info: {
        kind: "openai-compatible",
        label: `OpenAI-compatible server (${host})`,
        model: env.OPENAI_MODEL ?? MODEL.id,
        isDemo: false,
      },
      // A generic server: the OpenAI surface. Servers that lack a feature ignore the field.
      capabilities: {
        contextWindow: env.OPENAI_CONTEXT_WINDOW ?? MODEL.contextWindow,
        concurrentStreams: env.OPENAI_CONCURRENT_STREAMS,
        seed: true,
        stop: true,
        // Not OpenAI's, but vLLM and llama.cpp server take top_k, vLLM repetition_penalty, and
        // Ollama's /v1 ignores both; they are only sent when the user sets them. Mistral's API
        // documents neither, so there they are taken out and named in the warnings.
        topK: !mistral,
        repetitionPenalty: !mistral,
        tools: true,
        jsonMode: true,
        jsonSchema: true,
        logprobs: true,
        // Continuing a given assistant text is not part of the OpenAI API (servers differ: vLLM's
        // continue_final_message, Mistral's prefix): none is documented for this upstream.
        continuation: false,
      },
      baseUrl: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY,
      // Mistral's own API names the seed differently.
      renameFields: mistral ? { seed: "random_seed" } : undefined,
      idleTimeoutMs: env.UPSTREAM_IDLE_TIMEOUT_MS,
      redact: redactSecrets,
    });
  }
  if (env.ANTHROPIC_BASE_URL) {
    const model = env.ANTHROPIC_MODEL ?? MODEL.id;
    return createAnthropicCompatibleProvider({
      info: { kind: "anthropic-compatible", label: `Anthropic-compatible server (${safeHost(env.ANTHROPIC_BASE_URL)})`, model, isDemo: false },
      capabilities: ANTHROPIC_CAPABILITIES,
      baseUrl: env.ANTHROPIC_BASE_URL,
      apiKey: env.ANTHROPIC_API_KEY,
      idleTimeoutMs: env.UPSTREAM_IDLE_TIMEOUT_MS,
      upstreamTokenCount: upstreamCountsBetter(model),
      redact: redactSecrets,
    });
  }
  return createLocalProvider({
    modelPath: env.LOCAL_MODEL_PATH,
    dataDir: env.dataDir,
    threads: env.localThreads,
    contextSize: env.LOCAL_CONTEXT_SIZE,
    parallel: env.LOCAL_PARALLEL,
    demoTokensPerSecond: env.DEMO_TOKENS_PER_SECOND,
    gpu: env.LOCAL_GPU,
  });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "invalid URL";
  }
}

let current: ChatProvider | undefined;

export function getProvider(): ChatProvider {
  return (current ??= providerFromEnv(getEnv()));
}
