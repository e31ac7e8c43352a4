/**
 * node-llama-cpp on its own, with nothing of the app around it: the engine's ceiling that
 * /api/chat on the local provider is compared with.
 */
import type { LlamaContext, LlamaModel, Token } from "node-llama-cpp";
import { monotonicMs } from "./clock";

export interface EngineShape {
  threads: number;
  contextSize: number;
  sequences: number;
}

export interface Sampling {
  temperature: number;
  topP: number;
  seed: number;
}

export interface Generation {
  tokens: number;
  seconds: number;
}

export interface RawEngine {
  /** Generates up to `count` tokens after the prompt, timed from the start of prompt evaluation (as the app's reply is). */
  generate(prompt: string, count: number, sampling: Sampling): Promise<Generation>;
  dispose(): Promise<void>;
}

export async function openRawEngine(modelPath: string, shape: EngineShape, bannedTokens: readonly number[] = []): Promise<RawEngine> {
  const { getLlama, LlamaLogLevel, TokenBias } = await import("node-llama-cpp");
  const llama = await getLlama({ build: "never", gpu: false, maxThreads: shape.threads, logLevel: LlamaLogLevel.error, progressLogs: false });
  const model: LlamaModel = await llama.loadModel({ modelPath });
  const context: LlamaContext = await model.createContext({ contextSize: shape.contextSize, sequences: shape.sequences, threads: shape.threads });
  const tokenBias = bannedTokens.length ? new TokenBias(model.tokenizer) : undefined;
  for (const token of bannedTokens) tokenBias!.set(token as Token, "never");
  return {
    async generate(prompt, count, sampling) {
      // The app's prompt for one user turn and no system message: BOS, then the text without special-token parsing.
      const tokens: Token[] = [model.tokens.bos ?? (1 as Token), ...model.tokenize(prompt, false)];
      const sequence = context.getSequence();
      try {
        const start = monotonicMs();
        const generated: Token[] = [];
        for await (const token of sequence.evaluate(tokens, { ...sampling, ...(tokenBias ? { tokenBias } : {}) })) {
          if (generated.push(token) >= count) break;
        }
        return { tokens: generated.length, seconds: (monotonicMs() - start) / 1000 };
      } finally {
        sequence.dispose();
      }
    },
    async dispose() {
      await context.dispose();
      await model.dispose();
    },
  };
}
