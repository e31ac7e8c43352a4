import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { fitToCapabilities, type ProviderCapabilities } from "./capabilities";
import type { ChatRequest } from "./request";

const none: ProviderCapabilities = { contextWindow: 4096, concurrentStreams: 1, seed: false, stop: false, topK: false, repetitionPenalty: false, tools: false, jsonMode: false, jsonSchema: false, logprobs: false, continuation: false };
const all: ProviderCapabilities = { contextWindow: 4096, concurrentStreams: 1, seed: true, stop: true, topK: true, repetitionPenalty: true, tools: true, jsonMode: true, jsonSchema: true, logprobs: true, continuation: true };
const request: ChatRequest = {
  systemMessage: "",
  messages: [{ role: "user", content: "hi" }],
  params: { ...DEFAULT_PARAMS, seed: 3, stop: ["END"], topK: 20, repetitionPenalty: 1.1 },
  options: { tools: [{ name: "f", parameters: {} }], toolChoice: "auto", responseFormat: { type: "json_object" }, logprobs: { top: 3 } },
};

describe("fitToCapabilities", () => {
  it("keeps a request the upstream fully supports as it is", () => {
    expect(fitToCapabilities(request, all, "X")).toEqual({ request, warnings: [] });
  });

  it("takes out every unsupported setting and names each one, so nothing is dropped silently", () => {
    const { request: fitted, warnings } = fitToCapabilities(request, none, "The engine");
    expect(fitted.params).toEqual(DEFAULT_PARAMS);
    expect(fitted.options).toEqual({});
    expect(warnings.map((w) => w.setting)).toEqual(["Seed", "Stop Sequences", "Top K", "Repetition Penalty", "tools", "JSON mode", "log-probabilities"]);
    expect(warnings[0].message).toBe("The engine does not support Seed; it was not sent.");
    expect(request.params.seed).toBe(3);
  });

  it.each<[keyof ProviderCapabilities, Partial<ChatRequest["params"]>, string]>([
    ["stop", { stop: ["END"] }, "Stop Sequences"],
    ["topK", { topK: 5 }, "Top K"],
    ["repetitionPenalty", { repetitionPenalty: 1.3 }, "Repetition Penalty"],
  ])("takes out %s alone where only that capability is missing, and names it", (capability, set, setting) => {
    const only: ChatRequest = { ...request, params: { ...DEFAULT_PARAMS, ...set }, options: undefined };
    const { request: fitted, warnings } = fitToCapabilities(only, { ...all, [capability]: false }, "ModelsLab");
    expect(fitted.params).toEqual(DEFAULT_PARAMS);
    expect(warnings).toEqual([{ setting, message: `ModelsLab does not support ${setting}; it was not sent.` }]);
    // Supported: sent as it is, no warning.
    expect(fitToCapabilities(only, all, "ModelsLab")).toEqual({ request: only, warnings: [] });
  });

  it("does not warn about an empty stop list (nothing to send)", () => {
    expect(fitToCapabilities({ ...request, params: { ...DEFAULT_PARAMS, stop: [] }, options: undefined }, none, "X").warnings).toEqual([]);
  });
});

describe("JSON schema downgrade rules", () => {
  const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
  const asked: ChatRequest = { ...request, systemMessage: "Be brief.", options: { responseFormat: { type: "json_schema", schema } } };

  it("sends the schema as json_schema where the upstream accepts it", () => {
    expect(fitToCapabilities(asked, all, "X")).toEqual({ request: asked, warnings: [] });
  });

  it("falls back to JSON mode plus the schema as an instruction, and says so", () => {
    const { request: fitted, warnings } = fitToCapabilities(asked, { ...all, jsonSchema: false }, "ModelsLab");
    expect(fitted.options?.responseFormat).toEqual({ type: "json_object" });
    expect(fitted.systemMessage).toMatch(/^Be brief\.\n\nReply with only a JSON value/);
    expect(fitted.systemMessage).toContain(JSON.stringify(schema));
    expect(warnings).toEqual([{ setting: "JSON schema", message: "ModelsLab does not enforce a JSON schema; sent as JSON mode, with the schema in the instructions." }]);
    expect(asked.systemMessage).toBe("Be brief.");
  });

  it("without JSON mode either, sends the instruction alone and warns the reply may not be JSON", () => {
    const { request: fitted, warnings } = fitToCapabilities(asked, { ...all, jsonSchema: false, jsonMode: false }, "Server");
    expect(fitted.options?.responseFormat).toBeUndefined();
    expect(fitted.systemMessage).toContain(JSON.stringify(schema));
    expect(warnings[0].message).toMatch(/instruction only, so the reply may not be valid JSON/);
  });
});
