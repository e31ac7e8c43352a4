import { describe, expect, it } from "vitest";
import type { Check } from "../prompts/prompt-file-test-set";
import { CheckSchema } from "../prompts/prompt-file-test-set-schema";
import { REGEX_INPUT_LIMIT, checkProblem, compileChecks, describeCheck, runChecks } from "./checks";
import type { NewCheck } from "./test-set";

const one = (check: NewCheck, text: string, completionTokens?: number) => runChecks([{ ...check, id: "c1" } as Check], { text, completionTokens })[0];

describe("checks on a reply", () => {
  it("contains and does not contain, with and without case", () => {
    expect(one({ kind: "contains", text: "Paris", caseSensitive: true }, "I love Paris.")).toEqual({ checkId: "c1", pass: true, reason: '"Paris" found at character 8' });
    expect(one({ kind: "contains", text: "paris", caseSensitive: true }, "I love Paris.")).toEqual({ checkId: "c1", pass: false, reason: '"paris" not found' });
    expect(one({ kind: "contains", text: "paris", caseSensitive: false }, "I love PARIS.").pass).toBe(true);
    expect(one({ kind: "not-contains", text: "As an AI", caseSensitive: false }, "as an ai model, I…")).toEqual({ checkId: "c1", pass: false, reason: '"As an AI" found at character 1' });
    expect(one({ kind: "not-contains", text: "As an AI", caseSensitive: true }, "as an ai model").pass).toBe(true);
  });

  it("regex: says where it matched, with the flags", () => {
    expect(one({ kind: "regex", pattern: "\\d{4}", flags: "" }, "Founded in 1889.")).toEqual({ checkId: "c1", pass: true, reason: 'matches "1889" at character 12' });
    expect(one({ kind: "regex", pattern: "^yes$", flags: "im" }, "Well\nYES\n").pass).toBe(true);
    expect(one({ kind: "regex", pattern: "^yes$", flags: "" }, "Well\nYES\n")).toEqual({ checkId: "c1", pass: false, reason: "no match" });
  });

  it("regex: reads at most the first 20,000 characters, and says so", () => {
    const long = `${"a".repeat(REGEX_INPUT_LIMIT)}needle`;
    expect(one({ kind: "regex", pattern: "needle", flags: "" }, long)).toEqual({ checkId: "c1", pass: false, reason: "no match (in the first 20,000 of 20,006 characters)" });
  });

  it("a pattern that cannot compile or could freeze the page fails every reply and says why", () => {
    expect(one({ kind: "regex", pattern: "(", flags: "" }, "x")).toEqual({ checkId: "c1", pass: false, reason: expect.stringMatching(/^check not run: Invalid regular expression/) });
    expect(one({ kind: "regex", pattern: "(a+)+$", flags: "" }, "a".repeat(40) + "!").reason).toMatch(/^check not run: "\(a\+\)\+" repeats a group/);
  });

  it("equals compares the trimmed texts", () => {
    expect(one({ kind: "equals", text: " Paris ", caseSensitive: true }, "\nParis\n")).toEqual({ checkId: "c1", pass: true, reason: "equal" });
    expect(one({ kind: "equals", text: "Paris", caseSensitive: true }, "paris")).toEqual({ checkId: "c1", pass: false, reason: 'is "paris", not "Paris"' });
    expect(one({ kind: "equals", text: "Paris", caseSensitive: false }, "PARIS").pass).toBe(true);
  });

  it("JSON valid reads a reply that is JSON or one ```json block", () => {
    expect(one({ kind: "json-valid" }, '{"a": 1}')).toEqual({ checkId: "c1", pass: true, reason: "valid JSON" });
    expect(one({ kind: "json-valid" }, '```json\n{"a": 1}\n```').pass).toBe(true);
    expect(one({ kind: "json-valid" }, "Sure! {\"a\": 1}")).toMatchObject({ pass: false, reason: expect.stringMatching(/^not JSON: /) });
  });

  it("JSON schema names the first violation by its path", () => {
    const schema = { type: "object", properties: { items: { type: "array", items: { type: "object", required: ["name"] } } }, required: ["items"] };
    expect(one({ kind: "json-schema", schema }, '{"items": [{"name": "a"}]}')).toEqual({ checkId: "c1", pass: true, reason: "matches the schema" });
    expect(one({ kind: "json-schema", schema }, '{"items": [{"name": "a"}, {}]}')).toMatchObject({ pass: false, reason: expect.stringMatching(/^\$\.items\[1\]: /) });
    expect(one({ kind: "json-schema", schema }, "nope")).toMatchObject({ pass: false, reason: expect.stringMatching(/^not JSON/) });
  });

  it("length counts characters of the trimmed reply (an emoji is one), tokens read the usage", () => {
    expect(one({ kind: "length", min: 3, max: 3 }, "  a😀b  ")).toEqual({ checkId: "c1", pass: true, reason: "3 characters" });
    expect(one({ kind: "length", max: 2 }, "abc")).toEqual({ checkId: "c1", pass: false, reason: "3 characters, more than 2" });
    expect(one({ kind: "tokens", min: 10 }, "x", 4)).toEqual({ checkId: "c1", pass: false, reason: "4 tokens, fewer than 10" });
    expect(one({ kind: "tokens", max: 1_000 }, "x", 999)).toEqual({ checkId: "c1", pass: true, reason: "999 tokens" });
    expect(one({ kind: "tokens", max: 10 }, "x")).toEqual({ checkId: "c1", pass: false, reason: "the upstream reported no token count" });
  });

  it("compiled once, runs every check on each reply in order", () => {
    const run = compileChecks([
      { id: "a", kind: "contains", text: "x", caseSensitive: true },
      { id: "b", kind: "length", max: 1 },
    ]);
    expect(run({ text: "xy" }).map((r) => [r.checkId, r.pass])).toEqual([["a", true], ["b", false]]);
  });
});

describe("a check as typed", () => {
  const cases: [Check, string | null][] = [
    [{ id: "c1", kind: "contains", text: "", caseSensitive: true }, "Type the text to look for."],
    [{ id: "c1", kind: "regex", pattern: "[", flags: "" }, expect.stringMatching(/^Invalid regular expression/) as unknown as string],
    [{ id: "c1", kind: "regex", pattern: "a", flags: "g" }, '"g" is not a flag a check may use (use i, m, s, u).'],
    [{ id: "c1", kind: "length", min: 5, max: 2 }, "The least value is more than the most value."],
    [{ id: "c1", kind: "tokens" }, "Give a least value, a most value, or both."],
    [{ id: "c1", kind: "tokens", min: 1.5 }, "Bounds are whole numbers, 0 or more."],
    [{ id: "c1", kind: "json-schema", schema: { $ref: "#/nowhere" } }, expect.stringMatching(/^The schema cannot be used: Unresolved \$ref/) as unknown as string],
    [{ id: "c1", kind: "equals", text: "", caseSensitive: true }, null],
    [{ id: "c1", kind: "regex", pattern: "^\\d+$", flags: "u" }, null],
  ];

  it("is reported with a sentence, or null when it can run", () => {
    for (const [check, problem] of cases) expect(checkProblem(check), JSON.stringify(check)).toEqual(problem);
  });

  it("is refused by the prompt file exactly when it is refused here (schema references aside)", () => {
    for (const [check, problem] of cases) {
      if (check.kind === "json-schema") continue;
      expect(CheckSchema.safeParse(check).success, JSON.stringify(check)).toBe(problem === null);
    }
  });

  it("has a name for headers and summaries", () => {
    expect(describeCheck({ id: "c1", kind: "contains", text: "Paris", caseSensitive: false })).toBe('contains "Paris" (any case)');
    expect(describeCheck({ id: "c1", kind: "regex", pattern: "^\\d+$", flags: "i" })).toBe("matches /^\\d+$/i");
    expect(describeCheck({ id: "c1", kind: "length", min: 10, max: 1200 })).toBe("10–1,200 characters");
    expect(describeCheck({ id: "c1", kind: "tokens", max: 50 })).toBe("at most 50 tokens");
  });
});
