import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import type { PromptContent } from "./prompt";
import { diffVersions } from "./version-diff";

const base: PromptContent = {
  systemMessage: "You are a helpful guide.",
  messages: [{ role: "user", content: "Tell me about {{city}}." }],
  params: { ...DEFAULT_PARAMS, seed: 1 },
  options: { tools: [{ name: "weather", parameters: { type: "object" } }] },
  variables: [{ name: "city", type: "text" }],
};

describe("diffVersions", () => {
  it("word-diffs each changed text and lists each changed setting with before and after", () => {
    const next: PromptContent = {
      ...base,
      systemMessage: "You are a terse guide.",
      messages: [...base.messages, { role: "assistant", content: "Sure." }],
      params: { ...base.params, temperature: 0.2, stop: ["END"], seed: undefined, topK: 40 },
      options: { tools: [{ name: "weather", description: "now", parameters: { type: "object" } }], responseFormat: { type: "json_object" } },
      variables: [{ name: "city", type: "text", default: "Rome" }],
      model: "other-model",
    };
    const diff = diffVersions(base, next);
    expect(diff.texts.map((t) => t.field)).toEqual(["System Message", "Message 2 (assistant)"]);
    expect(diff.texts[0].parts).toEqual([
      { text: "You are a ", kind: "same" },
      { text: "helpful", kind: "removed" },
      { text: "terse", kind: "added" },
      { text: " guide.", kind: "same" },
    ]);
    expect(diff.settings).toEqual([
      { field: "Temperature", before: "0.7", after: "0.2" },
      { field: "Top K", before: "—", after: "40" },
      { field: "Seed", before: "1", after: "—" },
      { field: "Stop Sequences", before: "—", after: '["END"]' },
      { field: "Function weather", before: '{"name":"weather","parameters":{"type":"object"}}', after: '{"description":"now","name":"weather","parameters":{"type":"object"}}' },
      { field: "Response format", before: "—", after: '{"type":"json_object"}' },
      { field: "Model", before: "—", after: "other-model" },
      { field: "Variable city", before: '{"name":"city","type":"text"}', after: '{"default":"Rome","name":"city","type":"text"}' },
    ]);
  });

  it("finds nothing between equal versions", () => {
    expect(diffVersions(base, structuredClone(base))).toEqual({ texts: [], settings: [] });
  });
});
