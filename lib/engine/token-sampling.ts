/**
 * The two ways the engine samples a reply's tokens, behind one iterable: llama.cpp's own sampler
 * (the plain path, the grammar applied there), or sampling in JavaScript with each step's
 * distribution (logprob-sampling.ts), when the request asks for log-probabilities.
 */
import type { LlamaContextSequence, LlamaGrammarEvaluationState, LlamaModel, Token } from "node-llama-cpp";
import type { TokenLogprob } from "../chat/events";
import { sampleWithLogprobs, type SampledToken } from "./logprob-sampling";
import type { SamplerSettings } from "./sampler-settings";

/** One step of either path: a bare token (plain path), or a token with its entry (probabilities path). */
export type TokenStep = Token | SampledToken;

export const tokenOf = (step: TokenStep): Token => (typeof step === "number" ? step : step.token);
export const entryOf = (step: TokenStep): TokenLogprob | undefined => (typeof step === "number" ? undefined : step.logprob);

export interface TokenSamplingOptions {
  /** Log-probabilities with this many alternatives per token; the plain path when absent. */
  logprobs?: { top: number };
  /** The grammar the plain path holds the reply to (the probabilities path takes none). */
  grammarEvaluationState?: LlamaGrammarEvaluationState;
  /** Text of a candidate token where it would stand (probabilities path: the alternatives' text). */
  textOf(token: Token): string;
}

export function sampleTokens(
  sequence: LlamaContextSequence,
  model: LlamaModel,
  prompt: Token[],
  { temperature, topP, topK, seed, shared }: SamplerSettings,
  { logprobs, grammarEvaluationState, textOf }: TokenSamplingOptions,
): AsyncIterable<TokenStep> {
  // The plain path iterates the evaluator's tokens as they come: no wrapper, no object per token.
  return logprobs
    ? sampleWithLogprobs(sequence, model, prompt, { temperature, topP, topK, seed, top: logprobs.top, shared, textOf })
    : sequence.evaluate(prompt, {
        temperature,
        topP,
        topK,
        seed,
        ...shared,
        ...(grammarEvaluationState ? { grammarEvaluationState } : {}),
      });
}
