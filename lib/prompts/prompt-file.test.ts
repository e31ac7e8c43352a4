import fs from "node:fs";
import path from "node:path";
import { Validator, type Schema } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { newPrompt, withNewVersion, type Prompt, type PromptContent } from "./prompt";
import { PROMPT_FILE_CAPS, promptFileJsonSchema, readPromptFile, writePromptFile } from "./prompt-file";

const content: PromptContent = {
  systemMessage: "You answer about {{city}}.",
  messages: [{ role: "user", content: "What should I see in {{city}}?" }],
  params: { ...DEFAULT_PARAMS, temperature: 0.2, seed: 42, stop: ["###"] },
  options: { tools: [{ name: "get_weather", description: "Weather now", parameters: { type: "object", properties: { city: { type: "string" } } } }], toolChoice: "auto" },
  model: "mistralai-mixtral-8x7b-instruct",
  variables: [{ name: "city", type: "choice", default: "Paris", choices: ["Paris", "Rome"], description: "Where" }],
};

function library(): Prompt[] {
  const first = newPrompt("City guide", content, { description: "Tourist tips", note: "first", now: new Date("2026-12-01T10:00:00Z") });
  const second = withNewVersion(first, { ...content, params: { ...content.params, temperature: 0.9 } }, "warmer", new Date("2026-12-02T10:00:00Z"));
  return [{ ...second, labels: { production: 1 } }, newPrompt("Plain", { ...content, variables: [], options: undefined })];
}

describe("the prompt file", () => {
  it("round-trips a library with versions, labels, tools, seed and stop sequences", () => {
    const prompts = library();
    const read = readPromptFile(writePromptFile(prompts, "https://example.test/schemas/prompt-file.schema.json"));
    expect(read).toEqual({ ok: true, prompts: JSON.parse(JSON.stringify(prompts)) });
  });

  it("rejects a bad value with its path, and names every fault", () => {
    const file = JSON.parse(writePromptFile(library()));
    file.prompts[1].versions[0].params.temperature = 3;
    file.prompts[0].versions[1].variables[0].name = "first-name";
    const read = readPromptFile(JSON.stringify(file));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors).toEqual(
      expect.arrayContaining([
        "prompts[1].versions[0].params.temperature: Temperature must be at most 2",
        "prompts[0].versions[1].variables[0].name: name must be letters, digits and _, not starting with a digit",
      ]),
    );
  });

  it("is all-or-nothing: one bad prompt among good ones rejects the file", () => {
    const file = JSON.parse(writePromptFile(library()));
    file.prompts[1].labels = { production: 7 };
    expect(readPromptFile(JSON.stringify(file))).toEqual({ ok: false, errors: ["prompts[1].labels: a label points at a version the prompt does not have"] });
  });

  it("says its caps with their limits", () => {
    expect(readPromptFile("x".repeat(PROMPT_FILE_CAPS.bytes + 1))).toEqual({ ok: false, errors: ["The file is 5.0 MB; a prompt file may be at most 5 MB."] });
    const one = library()[1];
    const many = writePromptFile(Array.from({ length: PROMPT_FILE_CAPS.prompts + 1 }, (_, i) => ({ ...one, id: `prompt_${String(i).padStart(6, "0")}` })));
    expect(readPromptFile(many)).toEqual({ ok: false, errors: ["prompts: at most 1,000 prompts in one file"] });
    const versions = Array.from({ length: PROMPT_FILE_CAPS.versions + 1 }, (_, i) => ({ ...one.versions[0], version: i + 1 }));
    expect(readPromptFile(writePromptFile([{ ...one, versions }]))).toEqual({ ok: false, errors: ["prompts[0].versions: at most 200 versions per prompt"] });
  });

  it("names what is not a prompt file at all", () => {
    expect(readPromptFile("{not json")).toMatchObject({ ok: false, errors: [expect.stringMatching(/^The file is not JSON/)] });
    expect(readPromptFile(JSON.stringify({ format: "something-else", formatVersion: 1, prompts: [] }))).toEqual({ ok: false, errors: ['format: format must be "mixtral-playground.prompts"'] });
    expect(readPromptFile(JSON.stringify({ format: "mixtral-playground.prompts", formatVersion: 2, prompts: [] }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^formatVersion: formatVersion must be 1/)] });
  });

  it("keeps hostile names as plain text (rendering escapes them)", () => {
    const hostile = { ...library()[1], name: '<img src=x onerror="alert(1)">' };
    const read = readPromptFile(writePromptFile([hostile]));
    expect(read.ok && read.prompts[0].name).toBe('<img src=x onerror="alert(1)">');
  });
});

describe("the published JSON Schema", () => {
  const schema = promptFileJsonSchema();

  it("is the one committed in docs/ (regenerate with `npm run schemas` when the format changes)", () => {
    const committed = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../../docs/prompt-file.schema.json"), "utf8"));
    expect(committed).toEqual(schema);
  });

  it("accepts a file this playground writes and refuses one with a bad parameter", () => {
    const validator = new Validator(schema as Schema, "2020-12", false);
    const file = JSON.parse(writePromptFile(library()));
    expect(validator.validate(file).errors).toEqual([]);
    file.prompts[0].versions[0].params.topP = 7;
    expect(validator.validate(file).valid).toBe(false);
  });
});
