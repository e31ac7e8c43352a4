import { describe, expect, it } from "vitest";
import { clampParam, CONTEXT_WINDOW, DEFAULT_PARAMS, DEFAULT_SYSTEM_MESSAGE, NUMERIC_PARAMS, toAnthropicFields, toUpstreamFields } from "./params";

describe("parameter table", () => {
  it("has the model page's labels, defaults and ranges, in its order", () => {
    expect(NUMERIC_PARAMS.map((p) => [p.label, p.default, p.min, p.max])).toEqual([
      ["Temperature", 0.7, 0, 2],
      ["Max Tokens", 1000, 1, CONTEXT_WINDOW],
      ["Top P", 0.9, 0, 1],
      ["Frequency Penalty", 0, -2, 2],
      ["Presence Penalty", 0, -2, 2],
    ]);
    expect(DEFAULT_SYSTEM_MESSAGE).toBe("You are a helpful AI assistant specialized in providing accurate and detailed responses.");
    expect(CONTEXT_WINDOW).toBe(32_768);
  });

  it("clamps into range and snaps to the step without float noise", () => {
    const [temperature, maxTokens] = NUMERIC_PARAMS;
    expect(clampParam(temperature, 7)).toBe(2);
    expect(clampParam(temperature, -1)).toBe(0);
    expect(clampParam(temperature, 0.7000001)).toBe(0.7);
    expect(clampParam(temperature, Number.NaN)).toBe(0.7);
    expect(clampParam(maxTokens, 12.6)).toBe(13);
    expect(clampParam(maxTokens, 100_000)).toBe(CONTEXT_WINDOW);
  });

  it("maps every parameter to its OpenAI field, and the seed only when set", () => {
    expect(toUpstreamFields(DEFAULT_PARAMS)).toEqual({
      temperature: 0.7,
      max_tokens: 1000,
      top_p: 0.9,
      frequency_penalty: 0,
      presence_penalty: 0,
    });
    expect(toUpstreamFields({ ...DEFAULT_PARAMS, seed: 42 }).seed).toBe(42);
  });

  it("maps stop, Top K and Repetition Penalty to their OpenAI fields only when set", () => {
    const advanced = { ...DEFAULT_PARAMS, stop: ["END", "\n"], topK: 20, repetitionPenalty: 1.15 };
    expect(toUpstreamFields(advanced)).toEqual({ ...toUpstreamFields(DEFAULT_PARAMS), stop: ["END", "\n"], top_k: 20, repetition_penalty: 1.15 });
    expect(toUpstreamFields({ ...DEFAULT_PARAMS, stop: [] })).not.toHaveProperty("stop");
  });

  it("maps them to the Anthropic Messages fields that exist there: stop_sequences and top_k, no repetition penalty", () => {
    const body = toAnthropicFields({ ...DEFAULT_PARAMS, stop: ["END"], topK: 20, repetitionPenalty: 1.15 });
    expect(body).toEqual({ temperature: 0.7, max_tokens: 1000, top_p: 0.9, stop_sequences: ["END"], top_k: 20 });
    expect(toAnthropicFields(DEFAULT_PARAMS)).toEqual({ temperature: 0.7, max_tokens: 1000, top_p: 0.9 });
  });
});
