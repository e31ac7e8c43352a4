import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { newPrompt, type Prompt } from "./prompt";
import { readPromptFile, writePromptFile } from "./prompt-file";
import type { TestSet } from "./prompt-file-test-set";

const testSet: TestSet = {
  columns: ["city", "tone"],
  rows: [
    { id: "r1", values: { city: "Paris", tone: "formal" } },
    { id: "r2", values: { city: "Rome, \"the eternal\"\nCity" } },
  ],
  checks: [
    { id: "c1", kind: "contains", text: "Paris", caseSensitive: false },
    { id: "c2", kind: "regex", pattern: "^\\w", flags: "i" },
    { id: "c3", kind: "json-schema", schema: { type: "object", required: ["name"] } },
    { id: "c4", kind: "tokens", max: 200 },
  ],
};

function prompt(set?: TestSet): Prompt & { testSet?: TestSet } {
  const p = newPrompt("Guide", {
    systemMessage: "About {{city}} in a {{tone}} tone.",
    messages: [{ role: "user", content: "Tell me." }],
    params: DEFAULT_PARAMS,
    variables: [{ name: "city", type: "text" }, { name: "tone", type: "text", default: "plain" }],
  }, { id: "pr_testsetprompt1", now: new Date("2026-12-01T10:00:00Z") });
  return set ? { ...p, testSet: set } : p;
}

const fileWith = (set: unknown) => {
  const file = JSON.parse(writePromptFile([prompt()]));
  file.prompts[0].testSet = set;
  return JSON.stringify(file);
};

describe("a prompt file with a test set", () => {
  it("round-trips the test set with its rows and checks", () => {
    const read = readPromptFile(writePromptFile([prompt(testSet)]));
    expect(read).toEqual({ ok: true, prompts: [JSON.parse(JSON.stringify(prompt(testSet)))] });
  });

  it("still reads a file written before test sets, at the same format version", () => {
    const old = JSON.parse(writePromptFile([prompt()]));
    expect(old.formatVersion).toBe(1);
    const read = readPromptFile(JSON.stringify(old));
    expect(read.ok && read.prompts[0].testSet).toBeUndefined();
  });

  it("names the path of each fault in the test set, and reads nothing", () => {
    const bad = structuredClone(testSet) as unknown as { rows: { id: string; values: Record<string, unknown> }[]; checks: Record<string, unknown>[] };
    bad.rows[0].values.country = "France";
    bad.rows[1].id = "r1";
    bad.rows[1].values.city = 7;
    bad.checks[1].pattern = "(a+)+$";
    bad.checks[3] = { id: "c4", kind: "tokens", min: 10, max: 2 };
    const read = readPromptFile(fileWith(bad));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors).toEqual(
      expect.arrayContaining([
        "prompts[0].testSet.rows[1].values.city: a value must be a text",
        'prompts[0].testSet.checks[1].pattern: "(a+)+" repeats a group that itself repeats without bound, which can take exponential time; write it without the outer repetition',
        "prompts[0].testSet.checks[3].min: min must not be more than max",
      ]),
    );
  });

  it("checks what a shape cannot say: values only for columns, ids unique", () => {
    const bad = structuredClone(testSet);
    bad.rows[0].values.country = "France";
    bad.rows[1].id = "r1";
    bad.checks[1] = { ...bad.checks[0] };
    expect(readPromptFile(fileWith(bad))).toEqual({
      ok: false,
      errors: [
        'prompts[0].testSet.rows[0].values.country: "country" is not one of the columns (city, tone)',
        'prompts[0].testSet.rows[1].id: another row has the id "r1"',
        'prompts[0].testSet.checks[1].id: another check has the id "c1"',
      ],
    });
  });

  it("says the row cap and the value cap with their limits", () => {
    const rows = Array.from({ length: 5001 }, (_, i) => ({ id: `r${i + 1}`, values: { city: "x" } }));
    expect(readPromptFile(fileWith({ ...testSet, rows }))).toEqual({ ok: false, errors: ["prompts[0].testSet.rows: at most 5,000 rows in a test set"] });
    const long = { ...testSet, rows: [{ id: "r1", values: { city: "x".repeat(100_001) } }] };
    expect(readPromptFile(fileWith(long))).toEqual({ ok: false, errors: ["prompts[0].testSet.rows[0].values.city: a value must be at most 100,000 characters"] });
  });

  it("refuses an unknown check kind and an unknown field, naming them", () => {
    const read = readPromptFile(fileWith({ ...testSet, checks: [{ id: "c1", kind: "sentiment" }], extra: 1 }));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors.join("\n")).toMatch(/prompts\[0\]\.testSet\.checks\[0\]\.kind: kind must be one of/);
    expect(!read.ok && read.errors.join("\n")).toMatch(/prompts\[0\]\.testSet: Unrecognized key: "extra"/);
  });

  it("refuses a column named __proto__ rather than losing its values", () => {
    const set = { columns: ["__proto__"], rows: [], checks: [] };
    expect(readPromptFile(fileWith(set))).toEqual({ ok: false, errors: ["prompts[0].testSet.columns[0]: __proto__ cannot be a column of a test set in a file"] });
  });
});

describe("the published JSON Schema with a test set", () => {
  it("accepts a file with a test set and refuses one whose check lacks its kind's fields", async () => {
    const { Validator } = await import("@cfworker/json-schema");
    const { promptFileJsonSchema } = await import("./prompt-file");
    const validator = new Validator(promptFileJsonSchema() as never, "2020-12", false);
    const file = JSON.parse(writePromptFile([prompt(testSet)]));
    expect(validator.validate(file).errors).toEqual([]);
    file.prompts[0].testSet.checks[0] = { id: "c1", kind: "contains" };
    expect(validator.validate(file).valid).toBe(false);
  });
});
