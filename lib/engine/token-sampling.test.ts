import type { LlamaContextSequence, LlamaGrammarEvaluationState, LlamaModel, Token, TokenBias } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import type { SampledToken } from "./logprob-sampling";
import type { SamplerSettings } from "./sampler-settings";
import { entryOf, sampleTokens, tokenOf } from "./token-sampling";

const bias = {} as TokenBias;
const settings: SamplerSettings = { temperature: 0.8, topP: 0.9, topK: 12, seed: 5, shared: { tokenBias: bias } };
const prompt = [1, 2, 3] as Token[];

/** A sequence that records which evaluator was asked, with what. */
function recordingSequence() {
  const calls: { method: string; args: unknown[] }[] = [];
  const evaluated = (async function* () {})();
  const sequence = {
    evaluate: (...args: unknown[]) => (calls.push({ method: "evaluate", args }), evaluated),
    evaluateWithMetadata: (...args: unknown[]) => (calls.push({ method: "evaluateWithMetadata", args }), (async function* () {})()),
  } as unknown as LlamaContextSequence;
  return { sequence, calls, evaluated };
}

describe("sampleTokens", () => {
  it("reads the token and its entry from a step of either path", () => {
    const sampled: SampledToken = { token: 7 as Token, logprob: { token: "", logprob: -0.1 } };
    expect([tokenOf(7 as Token), entryOf(7 as Token)]).toEqual([7, undefined]);
    expect([tokenOf(sampled), entryOf(sampled)]).toEqual([7, { token: "", logprob: -0.1 }]);
  });

  it("takes llama.cpp's sampler, unwrapped, with our settings, the shared options and the grammar", () => {
    const { sequence, calls, evaluated } = recordingSequence();
    const grammarEvaluationState = {} as LlamaGrammarEvaluationState;
    const steps = sampleTokens(sequence, {} as LlamaModel, prompt, settings, { grammarEvaluationState, textOf: () => "" });
    // The evaluator's own iterator: no wrapper, no object per token.
    expect(steps).toBe(evaluated);
    expect(calls).toEqual([
      { method: "evaluate", args: [prompt, { temperature: 0.8, topP: 0.9, topK: 12, seed: 5, tokenBias: bias, grammarEvaluationState }] },
    ]);
  });

  it("passes no grammar state when the reply has no grammar", () => {
    const { sequence, calls } = recordingSequence();
    sampleTokens(sequence, {} as LlamaModel, prompt, settings, { textOf: () => "" });
    expect(calls[0].args[1]).not.toHaveProperty("grammarEvaluationState");
  });

  it("samples in JavaScript when log-probabilities are asked for, llama.cpp's own sampling left neutral", async () => {
    const { sequence, calls } = recordingSequence();
    for await (const step of sampleTokens(sequence, {} as LlamaModel, prompt, settings, { logprobs: { top: 3 }, textOf: () => "" })) expect(step).toBeUndefined();
    expect(calls.map((c) => c.method)).toEqual(["evaluateWithMetadata"]);
    expect(calls[0].args[2]).toMatchObject({ tokenBias: bias, temperature: 1, topK: 0, topP: 1 });
  });
});
