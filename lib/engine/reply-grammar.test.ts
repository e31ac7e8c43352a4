import { describe, expect, it } from "vitest";
import type { FunctionDefinition } from "../chat/request";
import { replyGrammar } from "./reply-grammar";
import { callListSchema, DEMO_JSON_OBJECT } from "./tool-grammar";

const weather: FunctionDefinition = { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } };
const search: FunctionDefinition = { name: "search", parameters: { type: "object", properties: { q: { type: "string" } } } };

describe("replyGrammar", () => {
  it("holds a required call to a list of calls to the offered functions", () => {
    expect(replyGrammar({ tools: [weather, search], toolChoice: "required" }, false)).toEqual({ mode: "tools", schema: callListSchema([weather, search], false) });
  });

  it("holds a named tool choice to calls of that function only", () => {
    const { mode, schema } = replyGrammar({ tools: [weather, search], toolChoice: { name: "search" } }, false);
    expect(mode).toBe("tools");
    expect(schema).toEqual(callListSchema([search], false));
  });

  it("leaves the model free to answer or call when the choice is auto: no grammar", () => {
    expect(replyGrammar({ tools: [weather], toolChoice: "auto" }, true)).toEqual({ mode: "auto-tools" });
    // Tools offered win over a response format: the reply may be calls.
    expect(replyGrammar({ tools: [weather], responseFormat: { type: "json_object" } }, true)).toEqual({ mode: "auto-tools" });
  });

  it("treats tools with the choice none as not offered", () => {
    expect(replyGrammar({ tools: [weather], toolChoice: "none" }, false)).toEqual({ mode: "text" });
  });

  it("holds a JSON schema reply to the user's schema, its strings bounded only for random weights", () => {
    const schema = { type: "object", properties: { name: { type: "string" } } };
    expect(replyGrammar({ responseFormat: { type: "json_schema", schema } }, false)).toEqual({ mode: "json", schema });
    expect(replyGrammar({ responseFormat: { type: "json_schema", schema } }, true)).toEqual({
      mode: "json",
      schema: { type: "object", properties: { name: { type: "string", maxLength: 24 } } },
    });
  });

  it("gives JSON mode node-llama-cpp's JSON grammar on a real model, and a small bounded object on the demo model", () => {
    expect(replyGrammar({ responseFormat: { type: "json_object" } }, false)).toEqual({ mode: "json", schema: "json" });
    expect(replyGrammar({ responseFormat: { type: "json_object" } }, true)).toEqual({ mode: "json", schema: DEMO_JSON_OBJECT });
  });

  it("shapes nothing and takes no grammar for plain text", () => {
    expect(replyGrammar(undefined, true)).toEqual({ mode: "text" });
    expect(replyGrammar({ responseFormat: { type: "text" } }, true)).toEqual({ mode: "text" });
  });
});
