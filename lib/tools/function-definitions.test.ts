import { describe, expect, it } from "vitest";
import { jsonProblem } from "../json/json-error";
import { EXAMPLE_FUNCTIONS, formatDefinitions, parseFunctionDefinitions } from "./function-definitions";

describe("parseFunctionDefinitions", () => {
  it("accepts the examples, one definition or a list, and nothing", () => {
    expect(parseFunctionDefinitions(formatDefinitions(EXAMPLE_FUNCTIONS))).toEqual({ ok: true, tools: EXAMPLE_FUNCTIONS });
    expect(parseFunctionDefinitions(JSON.stringify(EXAMPLE_FUNCTIONS[0]))).toEqual({ ok: true, tools: [EXAMPLE_FUNCTIONS[0]] });
    expect(parseFunctionDefinitions("  ")).toEqual({ ok: true, tools: [] });
  });

  it("points at the line and column of a syntax error and says what is wrong", () => {
    const text = '[\n  {\n    "name": "f"\n    "parameters": {}\n  }\n]';
    const result = parseFunctionDefinitions(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Line 4, column 5: /);
    expect(parseFunctionDefinitions('[{"name": "f"')).toEqual({ ok: false, error: expect.stringMatching(/^Line 1, column 14: /) });
  });

  it("names the function and the field when the content is wrong", () => {
    expect(parseFunctionDefinitions('[{"name": "get weather", "parameters": {}}]')).toEqual({
      ok: false,
      error: "Function 1 (get weather), name: name must be 1 to 64 letters, digits, _ or -",
    });
    expect(parseFunctionDefinitions('[{"name": "f"}]')).toEqual({ ok: false, error: expect.stringMatching(/^Function 1 \(f\), parameters: /) });
    expect(parseFunctionDefinitions('[{"name": "f", "parameters": {}}, {"name": "f", "parameters": {}}]')).toEqual({
      ok: false,
      error: "Function 2 (f): another function has the same name.",
    });
  });
});

describe("the editor's messages, where the page loads no zod locale", () => {
  // This file, like the page, loads zod/mini and not the full zod: a check without its own
  // message would say only "Invalid input" here, and something else on the server.
  it("names an unknown field and a definition that is not an object", () => {
    expect(parseFunctionDefinitions('[{"name": "f", "parameters": {}, "arguments": {}}]')).toEqual({
      ok: false,
      error: 'Function 1 (f), definition: unknown field "arguments" (a function has name, description and parameters)',
    });
    expect(parseFunctionDefinitions("[5]")).toEqual({ ok: false, error: "Function 1, definition: a function definition must be an object" });
    expect(parseFunctionDefinitions('[{"name": "f", "parameters": {}, "description": 5}]')).toEqual({ ok: false, error: "Function 1 (f), description: description must be a string" });
  });
});

describe("jsonProblem", () => {
  it("reads the position out of either engine message style", () => {
    expect(jsonProblem("ab\ncd", "Unexpected token 'c', \"ab\ncd\" is not valid JSON in JSON at position 3 (line 2 column 1)")).toMatchObject({ line: 2, column: 1 });
    expect(jsonProblem("{}x", "Unexpected non-whitespace character after JSON at position 2")).toEqual({ line: 1, column: 3, message: "Unexpected non-whitespace character after JSON" });
  });
});
