import "server-only";
import path from "node:path";
import { DEMO_MODEL_FILE, ensureDemoModel } from "../engine/demo-model";
import { LocalEngine } from "../engine/local-engine";
import { validateGguf } from "../engine/validate-gguf";
import { errorEvent } from "./upstream-errors";
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

// Survives Next's dev reloads and duplicated module instances: one model per process.
const engines = ((globalThis as { __localEngines?: Map<string, Promise<LocalEngine>> }).__localEngines ??= new Map());

function engineFor(config: LocalProviderConfig): Promise<LocalEngine> {
  const key = config.modelPath ?? `demo:${config.dataDir}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = (async () => {
      let modelPath = config.modelPath;
      if (modelPath) await validateGguf(modelPath);
      else modelPath = await ensureDemoModel(path.join(config.dataDir, "models"));
      return LocalEngine.load({ ...config, modelPath });
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
  return {
    info: {
      kind: "local",
      label: "Local llama.cpp engine",
      model: isDemo ? "mixtral-demo-random (generated)" : modelFile.replace(/\.gguf$/i, ""),
      modelFile,
      isDemo,
    },
    async warmUp() {
      await engineFor(config);
    },
    async *stream(request, { signal }) {
      let engine: LocalEngine;
      try {
        engine = await engineFor(config);
      } catch (cause) {
        yield errorEvent("engine_error", (cause as Error).message);
        return;
      }
      yield* engine.generate(request, { signal, tokensPerSecond: isDemo ? config.demoTokensPerSecond : 0 });
    },
  };
}
