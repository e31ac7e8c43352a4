/**
 * The embedded engine at full speed: the generated demo model through /api/chat (local
 * provider, DEMO_TOKENS_PER_SECOND=0, one thread) beside raw node-llama-cpp on the same GGUF
 * with the same thread count, context shape, prompt, sampling and token count, alternating.
 */
import path from "node:path";
import { ensureDemoModel } from "../lib/engine/demo-model";
import { loadMistralVocabulary, nonLatinTokenIds } from "../lib/engine/mistral-vocabulary";
import { startNext } from "./next-server";
import { openRawEngine, type EngineShape, type Generation, type Sampling } from "./raw-engine";
import { median } from "./stats";
import { timeStream } from "./stream-client";

const TOKENS = 1000;
const ROUNDS = 5;
const WARM_UP_REPLIES = 4;
const USER_MESSAGE = "bench";
/** What the app's Mixtral template makes of one user turn with an empty System Message (after BOS). */
const RAW_PROMPT = `[INST] ${USER_MESSAGE} [/INST]`;
const SAMPLING: Sampling = { temperature: 0.7, topP: 0.9, seed: 42 };
/** The app's defaults for context size and parallel sequences (lib/env.ts), given to both sides explicitly so they stay alike. */
const SHAPE: EngineShape = { threads: 1, contextSize: 8192, sequences: 4 };

async function throughRoute(app: string, count: number): Promise<Generation> {
  const body = { systemMessage: "", messages: [{ role: "user", content: USER_MESSAGE }], params: { ...SAMPLING, maxTokens: count } };
  const timing = await timeStream(`${app}/api/chat`, body);
  if (timing.usageTokens === undefined) throw new Error("/api/chat sent no usage event");
  return { tokens: timing.usageTokens, seconds: timing.totalMs / 1000 };
}

/** `unbiased`: the app before the demo model kept to Latin pieces; raw then samples the whole vocabulary too. */
export async function measureEngine(dataDir: string, appDir = process.cwd(), unbiased = false): Promise<void> {
  console.log(
    `\n== Embedded engine: demo model, ${SHAPE.threads} thread, ${TOKENS.toLocaleString("en")} tokens at full speed (alternating, median of ${ROUNDS} after ${WARM_UP_REPLIES} warm-up replies each) ==`,
  );
  // Written before the server starts, so the server finds it ready instead of writing it too.
  const modelPath = await ensureDemoModel(path.join(dataDir, "models"));
  const server = await startNext({
    // Empty values select the local provider with the generated demo model (lib/providers/registry.ts).
    MODELSLAB_API_KEY: "",
    OPENAI_BASE_URL: "",
    LOCAL_MODEL_PATH: "",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    DEMO_TOKENS_PER_SECOND: "0",
    LOCAL_THREADS: String(SHAPE.threads),
    LOCAL_CONTEXT_SIZE: String(SHAPE.contextSize),
    LOCAL_PARALLEL: String(SHAPE.sequences),
  }, appDir);
  try {
    // The same vocabulary bias the app applies to the demo model, so both sides sample alike.
    const raw = await openRawEngine(modelPath, SHAPE, unbiased ? [] : nonLatinTokenIds(loadMistralVocabulary().tokens));
    try {
      // The first request also waits for the server to load the model. Then both sides run full
      // replies until their JavaScript is warm: the route's first thousands of tokens go through
      // code the JIT has not optimised yet (measured: ~700 tokens/s on the first reply, ~1,100 by the
      // fourth), which a steady-state rate must not count.
      await throughRoute(server.url, 50);
      for (let i = 0; i < WARM_UP_REPLIES; i++) {
        await raw.generate(RAW_PROMPT, TOKENS, SAMPLING);
        await throughRoute(server.url, TOKENS);
      }
      const rawRuns: Generation[] = [];
      const routeRuns: Generation[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        rawRuns.push(await raw.generate(RAW_PROMPT, TOKENS, SAMPLING));
        routeRuns.push(await throughRoute(server.url, TOKENS));
      }
      const rate = (runs: Generation[]) => median(runs.map((g) => g.tokens / g.seconds));
      const counts = (runs: Generation[]) => [...new Set(runs.map((g) => g.tokens))].join("/");
      const [r, a] = [rate(rawRuns), rate(routeRuns)];
      console.log(
        `raw node-llama-cpp ${r.toFixed(0)} tokens/s | through /api/chat ${a.toFixed(0)} tokens/s | ${((a / r) * 100).toFixed(0)}% of raw (target ≥ 90%)` +
          ` [tokens per run: raw ${counts(rawRuns)}, /api/chat ${counts(routeRuns)}]`,
      );
    } finally {
      await raw.dispose();
    }
  } finally {
    server.stop();
  }
}
