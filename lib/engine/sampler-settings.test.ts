import type { Token, TokenBias } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS, type SamplingParams } from "../params";
import { ENGINE_TOP_K } from "../sampling/sampler-transform";
import { samplerSettings } from "./sampler-settings";

const params = (overrides: Partial<SamplingParams> = {}): SamplingParams => ({ ...DEFAULT_PARAMS, seed: 1, ...overrides });
const noSeed = () => {
  throw new Error("no seed should be drawn");
};

describe("samplerSettings", () => {
  it("passes temperature and top-p through, and uses the request's top-k, else ENGINE_TOP_K", () => {
    expect(samplerSettings(params({ temperature: 1.3, topP: 0.4, topK: 12 }), undefined, [], noSeed)).toMatchObject({ temperature: 1.3, topP: 0.4, topK: 12 });
    expect(samplerSettings(params(), undefined, [], noSeed).topK).toBe(ENGINE_TOP_K);
  });

  it("keeps the request's seed, and draws one only when it gave none", () => {
    expect(samplerSettings(params({ seed: 7 }), undefined, [], noSeed).seed).toBe(7);
    expect(samplerSettings(params({ seed: undefined }), undefined, [], () => 99).seed).toBe(99);
  });

  it("leaves the penalties out when frequency and presence are 0 and repetition is 1 or unset", () => {
    expect(samplerSettings(params(), undefined, [], noSeed).shared).toEqual({});
    expect(samplerSettings(params({ repetitionPenalty: 1 }), undefined, [], noSeed).shared).toEqual({});
  });

  it("turns all three penalties on when any one is set, repetition being llama.cpp's multiplicative penalty (1 = none)", () => {
    const frequency = samplerSettings(params({ frequencyPenalty: 0.5 }), undefined, [], noSeed).shared.repeatPenalty;
    expect(frequency).toMatchObject({ penalty: 1, frequencyPenalty: 0.5, presencePenalty: 0, maxPunishTokens: 256 });
    const presence = samplerSettings(params({ presencePenalty: -0.3 }), undefined, [], noSeed).shared.repeatPenalty;
    expect(presence).toMatchObject({ penalty: 1, frequencyPenalty: 0, presencePenalty: -0.3 });
    const repetition = samplerSettings(params({ repetitionPenalty: 1.2 }), undefined, [], noSeed).shared.repeatPenalty;
    expect(repetition).toMatchObject({ penalty: 1.2, frequencyPenalty: 0, presencePenalty: 0 });
  });

  it("punishes the last 256 of the reply's tokens as they are at each step", () => {
    const reply: Token[] = [];
    const penalty = samplerSettings(params({ frequencyPenalty: 1 }), undefined, reply, noSeed).shared.repeatPenalty;
    const punished = () => (penalty && typeof penalty.punishTokens === "function" ? penalty.punishTokens() : undefined);
    expect(punished()).toEqual([]);
    for (let i = 0; i < 300; i++) reply.push(i as Token);
    const window = punished()!;
    expect(window).toHaveLength(256);
    expect([window[0], window.at(-1)]).toEqual([44, 299]);
    reply.push(300 as Token);
    expect(punished()!.at(-1)).toBe(300);
  });

  it("carries the model's banned-token bias when it has one, on its own or with the penalties", () => {
    const bias = {} as TokenBias;
    expect(samplerSettings(params(), bias, [], noSeed).shared).toEqual({ tokenBias: bias });
    const both = samplerSettings(params({ repetitionPenalty: 1.1 }), bias, [], noSeed).shared;
    expect(both.tokenBias).toBe(bias);
    expect(both.repeatPenalty).toMatchObject({ penalty: 1.1 });
  });
});
