import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { placeholderReply } from "./placeholder-reply";

const settings = { systemMessage: "Be brief.", params: DEFAULT_PARAMS };

describe("placeholderReply", () => {
  it("starts empty and streaming, keeping the system message and parameters it is generated with", () => {
    const reply = placeholderReply("r1", settings);
    expect(reply).toEqual({ id: "r1", role: "assistant", content: "", state: "streaming", generation: { systemMessage: "Be brief.", params: DEFAULT_PARAMS } });
  });

  it("keeps the model only when one was chosen", () => {
    expect(placeholderReply("r1", { ...settings, model: "mixtral" }).generation).toEqual({ systemMessage: "Be brief.", params: DEFAULT_PARAMS, model: "mixtral" });
    expect(placeholderReply("r1", { ...settings, model: "" }).generation).not.toHaveProperty("model");
  });

  it("keeps a JSON response format for its badge, but not plain text", () => {
    const schema = { type: "json_object" as const };
    expect(placeholderReply("r1", { ...settings, options: { responseFormat: schema } }).format).toEqual(schema);
    expect(placeholderReply("r1", { ...settings, options: { responseFormat: { type: "text" } } })).not.toHaveProperty("format");
  });

  it("a continuation starts from the partial reply's text, tokens and the token the user picked", () => {
    const logprobs = [{ token: "The", logprob: -0.1 }];
    const reply = placeholderReply("r1", settings, { content: "The", logprobs, continuedAt: 0 });
    expect(reply).toMatchObject({ content: "The", logprobs, continuedAt: 0, state: "streaming" });
  });
});
