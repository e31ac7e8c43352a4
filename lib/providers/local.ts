import "server-only";
import path from "node:path";
import type { ProviderCapabilities } from "../chat/capabilities";
import { errorEvent } from "../chat/errors";
import { fitToCapabilities } from "../chat/capabilities";
import { DEMO_MODEL_FILE, ensureDemoModel } from "../engine/demo-model";
import { LocalEngine } from "../engine/local-engine";
import { loadMistralVocabulary, nonLatinTokenIds } from "../engine/mistral-vocabulary";
import { validateGguf } from "../engine/validate-gguf";
import { ENGINE_TOP_K } from "../sampling/sampler-transform";
import { runAhead } from "./run-ahead";
import type { ChatProvider } from "./types";

export interface LocalProviderConfig {
  /** A user's GGUF; absent means the generated demo model. */
  modelPath?: string;
  dataDir: string;
  threads: number;
  contextSize: number;
  parallel: number;
  demoTokensPerSecond: number;
  gpu?: boolean;
}

/**
 * The engine makes one token per step, each a few milliseconds apart: written one by one, every
 * token costs a socket write, a web-stream pass and the reader's wake-up, on the main thread that
 * also drives the evaluation. One batch per display frame at most (the page cannot show more) kept
 * the route at ~90% of raw node-llama-cpp instead of ~76% (engine bench). Slower tokens (the paced
 * demo) still go out the moment they come; the first token and the end are never held.
 */
const ENGINE_BATCH_INTERVAL_MS = 16;

// Survives Next's dev reloads and duplicated module instances: one model per process.
const engines = ((globalThis as { __localEngines?: Map<string, Promise<LocalEngine>> }).__localEngines ??= new Map());

function engineFor(config: LocalProviderConfig): Promise<LocalEngine> {
  const key = config.modelPath ?? `demo:${config.dataDir}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = (async () => {
      if (config.modelPath) {
        await validateGguf(config.modelPath);
        return LocalEngine.load({ ...config, modelPath: config.modelPath });
      }
      // Random weights sample CJK and other pieces common fonts lack, which reads as a broken
      // page: the demo model keeps to Latin letters, digits, spaces and punctuation.
      const modelPath = await ensureDemoModel(path.join(config.dataDir, "models"));
      return LocalEngine.load({ ...config, modelPath, bannedTokens: nonLatinTokenIds(loadMistralVocabulary().tokens), boundedGrammars: true });
    })();
    // A failed load is not cached: fixing the file and retrying works without a restart.
    engine.catch(() => engines.delete(key));
    engines.set(key, engine);
  }
  return engine;
}

export function createLocalProvider(config: LocalProviderConfig): ChatProvider {
  const isDemo = !config.modelPath;
  const modelFile = isDemo ? DEMO_MODEL_FILE : path.basename(config.modelPath!);
  // Tools and JSON arrive with the issues that build them.
  const capabilities: ProviderCapabilities = {
    contextWindow: config.contextSize,
    concurrentStreams: config.parallel,
    seed: true,
    // Matched on the detokenized text, held back until decided (lib/stop-sequences/stream-filter).
    stop: true,
    // node-llama-cpp's topK and repeatPenalty.penalty (the probabilities path applies the same top-k).
    topK: true,
    repetitionPenalty: true,
    // Function calls and JSON are held to grammars built from the request (lib/engine/tool-grammar).
    tools: true,
    jsonMode: true,
    jsonSchema: true,
    // The engine reports each step's whole distribution (lib/engine/logprob-sampling).
    logprobs: true,
    // The Mixtral template leaves a last assistant turn open, so the model writes on from it.
    continuation: true,
    samplerTopK: ENGINE_TOP_K,
  };
  const label = "Local llama.cpp engine";
  return {
    info: {
      kind: "local",
      label,
      model: isDemo ? "mixtral-demo-random (generated)" : modelFile.replace(/\.gguf$/i, ""),
      modelFile,
      isDemo,
      capabilities,
    },
    async warmUp() {
      await engineFor(config);
    },
    // The texts LocalEngine.tokenize turns into the tokens it evaluates, by the same call.
    async countSegmentTokens(texts) {
      const engine = await engineFor(config);
      return texts.map((text) => engine.tokenizeText(text).length);
    },
    async *stream(request, { signal, batchIntervalMs = 0 }) {
      const fitted = fitToCapabilities(request, capabilities, label);
      if (fitted.warnings.length) yield [{ type: "warnings", warnings: fitted.warnings }];
      let engine: LocalEngine;
      try {
        engine = await engineFor(config);
      } catch (cause) {
        yield [errorEvent("engine_error", (cause as Error).message)];
        return;
      }
      const tokens = engine.generate(fitted.request, { signal, tokensPerSecond: isDemo ? config.demoTokensPerSecond : 0 });
      yield* runAhead(tokens, { minIntervalMs: Math.max(ENGINE_BATCH_INTERVAL_MS, batchIntervalMs) });
    },
  };
}
