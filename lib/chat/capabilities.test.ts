import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { fitToCapabilities, type ProviderCapabilities } from "./capabilities";
import type { ChatRequest } from "./request";

const none: ProviderCapabilities = { contextWindow: 4096, concurrentStreams: 1, seed: false, stop: false, tools: false, jsonMode: false, jsonSchema: false, logprobs: false, continuation: false };
const all: ProviderCapabilities = { contextWindow: 4096, concurrentStreams: 1, seed: true, stop: true, tools: true, jsonMode: true, jsonSchema: true, logprobs: true, continuation: true };
const request: ChatRequest = {
  systemMessage: "",
  messages: [{ role: "user", content: "hi" }],
  params: { ...DEFAULT_PARAMS, seed: 3 },
  options: { stop: ["END"], tools: [{ name: "f", parameters: {} }], toolChoice: "auto", responseFormat: { type: "json_object" }, logprobs: { top: 3 } },
};

describe("fitToCapabilities", () => {
  it("keeps a request the upstream fully supports as it is", () => {
    expect(fitToCapabilities(request, all, "X")).toEqual({ request, warnings: [] });
  });

  it("takes out every unsupported setting and names each one, so nothing is dropped silently", () => {
    const { request: fitted, warnings } = fitToCapabilities(request, none, "The engine");
    expect(fitted.params.seed).toBeUndefined();
    expect(fitted.options).toEqual({});
    expect(warnings.map((w) => w.setting)).toEqual(["Seed", "stop sequences", "tools", "JSON mode", "log-probabilities"]);
    expect(warnings[0].message).toBe("The engine does not support Seed; it was not sent.");
    expect(request.params.seed).toBe(3);
  });
});
