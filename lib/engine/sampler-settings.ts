/**
 * The request's sampling parameters as node-llama-cpp's evaluator takes them, the same for both
 * sampling paths (token-sampling.ts): temperature, top-p, top-k, seed, and the options applied
 * first in the sampler chain (the banned-token bias, the repeat penalties).
 */
import type { SequenceEvaluateOptions, Token, TokenBias } from "node-llama-cpp";
import type { SamplingParams } from "../params";
import { ENGINE_TOP_K } from "../sampling/sampler-transform";

/** The penalties look back this far over the reply's own tokens. */
const PENALTY_WINDOW = 256;

export interface SamplerSettings {
  temperature: number;
  topP: number;
  topK: number;
  seed: number;
  /** The evaluator options both paths share: token bias, repeat penalties. */
  shared: Pick<SequenceEvaluateOptions, "tokenBias" | "repeatPenalty">;
}

/** A seed for a request that gave none. */
const randomSeed = () => Math.floor(Math.random() * 2 ** 31);

/**
 * `replyTokens` is the reply's token list as it grows: the penalties read its last tokens at each step.
 * `tokenBias`: tokens this model must never sample, if any.
 */
export function samplerSettings(
  params: SamplingParams,
  tokenBias: TokenBias | undefined,
  replyTokens: readonly Token[],
  newSeed: () => number = randomSeed,
): SamplerSettings {
  // Repetition penalty is llama.cpp's multiplicative repeat penalty (1 = none), over the same
  // window of the reply's own tokens as the other two penalties.
  const repetition = params.repetitionPenalty ?? 1;
  const penalise = params.frequencyPenalty !== 0 || params.presencePenalty !== 0 || repetition !== 1;
  return {
    temperature: params.temperature,
    topP: params.topP,
    // One top-k for both paths, so the probabilities view's cut is the sampler's.
    topK: params.topK ?? ENGINE_TOP_K,
    seed: params.seed ?? newSeed(),
    shared: {
      ...(tokenBias ? { tokenBias } : {}),
      ...(penalise
        ? {
            repeatPenalty: {
              punishTokens: () => replyTokens.slice(-PENALTY_WINDOW),
              maxPunishTokens: PENALTY_WINDOW,
              penalty: repetition,
              frequencyPenalty: params.frequencyPenalty,
              presencePenalty: params.presencePenalty,
            },
          }
        : {}),
    },
  };
}
