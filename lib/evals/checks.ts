/**
 * A test set's checks, run on each reply: pass or fail with a short reason a cell can show.
 * Compile once per run (compileChecks), then call per reply. JSON is read as the JSON view reads
 * it (lib/json/check-reply.ts: the whole reply, or one ```json block that is all of it) and
 * validated by the same @cfworker/json-schema validator.
 *
 * A regex runs on at most REGEX_INPUT_LIMIT characters of the reply: JavaScript cannot stop a
 * regex once it runs, and the check runs on the page's thread. Patterns of the exponential shape
 * are refused before that (lib/prompts/prompt-file-regex.ts); the cap bounds the polynomial ones.
 */
import { Validator, type Schema } from "@cfworker/json-schema";
import { checkJsonReply, parseJsonReply } from "../json/check-reply";
import { regexProblem } from "../prompts/prompt-file-regex";
import { TEST_SET_CAPS, type Check } from "../prompts/prompt-file-test-set";
import { characterCount } from "./text-length";

/** Characters of a reply a regex check reads (about 5,000 tokens). */
export const REGEX_INPUT_LIMIT = 20_000;

export interface ReplyToCheck {
  text: string;
  /** The reply's completion tokens, from its usage; token checks fail without it. */
  completionTokens?: number;
}

export interface CheckResult {
  checkId: string;
  pass: boolean;
  /** Short, for a cell: `"Paris" not found`, `312 characters, more than 300`. */
  reason: string;
}

const count = (n: number) => n.toLocaleString("en-US");

/** A text as a reason shows it: quoted, cut to `max` characters. */
export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, " ");
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}


/** A check's name for a column header or a summary: `contains "Paris"`, `regex /^\d+$/i`, `100–300 characters`. */
export function describeCheck(check: Check): string {
  const caseNote = (c: { caseSensitive: boolean }) => (c.caseSensitive ? "" : " (any case)");
  switch (check.kind) {
    case "contains":
      return `contains ${excerpt(check.text)}${caseNote(check)}`;
    case "not-contains":
      return `does not contain ${excerpt(check.text)}${caseNote(check)}`;
    case "regex":
      return `matches /${check.pattern.length > 60 ? `${check.pattern.slice(0, 59)}…` : check.pattern}/${check.flags}`;
    case "equals":
      return `equals ${excerpt(check.text)}${caseNote(check)}`;
    case "json-valid":
      return "valid JSON";
    case "json-schema":
      return "matches the JSON schema";
    case "length":
      return `${bounds(check)} characters`;
    case "tokens":
      return `${bounds(check)} tokens`;
  }
}

const bounds = ({ min, max }: { min?: number; max?: number }) =>
  min !== undefined && max !== undefined ? `${count(min)}–${count(max)}` : min !== undefined ? `at least ${count(min)}` : `at most ${count(max ?? 0)}`;

/** What is wrong with a check as typed (shown under the field), or null: the same rules the prompt file applies. */
export function checkProblem(check: Check): string | null {
  switch (check.kind) {
    case "contains":
    case "not-contains":
      if (check.text === "") return "Type the text to look for.";
      return check.text.length > TEST_SET_CAPS.checkText ? `The text may be at most ${count(TEST_SET_CAPS.checkText)} characters.` : null;
    case "equals":
      return check.text.length > TEST_SET_CAPS.checkText ? `The text may be at most ${count(TEST_SET_CAPS.checkText)} characters.` : null;
    case "regex": {
      const problem = regexProblem(check.pattern, check.flags);
      return problem && `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
    }
    case "json-valid":
      return null;
    case "json-schema":
      return schemaProblem(check.schema);
    case "length":
    case "tokens": {
      const { min, max } = check;
      if (min === undefined && max === undefined) return "Give a least value, a most value, or both.";
      for (const value of [min, max]) if (value !== undefined && (!Number.isInteger(value) || value < 0)) return "Bounds are whole numbers, 0 or more.";
      return min !== undefined && max !== undefined && min > max ? "The least value is more than the most value." : null;
    }
  }
}

function schemaProblem(schema: Record<string, unknown>): string | null {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return "The schema must be a JSON object.";
  if (JSON.stringify(schema).length > TEST_SET_CAPS.schemaLength) return `The schema may be at most ${count(TEST_SET_CAPS.schemaLength)} characters as JSON.`;
  try {
    // The validator resolves references lazily: one validation shows an unresolvable $ref now, not on every reply.
    new Validator(schema as Schema, "2020-12", true).validate(null);
  } catch (error) {
    return `The schema cannot be used: ${(error as Error).message.split("\n")[0]}`;
  }
  return null;
}

type Evaluate = (reply: ReplyToCheck) => { pass: boolean; reason: string };

function compile(check: Check): Evaluate {
  const problem = checkProblem(check);
  // A check that cannot run fails every reply and says why, rather than being skipped silently.
  if (problem) return () => ({ pass: false, reason: `check not run: ${problem}` });
  switch (check.kind) {
    case "contains":
    case "not-contains": {
      const needle = check.caseSensitive ? check.text : check.text.toLowerCase();
      const wanted = check.kind === "contains";
      return ({ text }) => {
        const at = (check.caseSensitive ? text : text.toLowerCase()).indexOf(needle);
        const found = at >= 0;
        const reason = found ? `${excerpt(check.text)} found at character ${count(at + 1)}` : `${excerpt(check.text)} not found`;
        return { pass: found === wanted, reason };
      };
    }
    case "regex": {
      const regex = new RegExp(check.pattern, check.flags);
      return ({ text }) => {
        const read = text.length > REGEX_INPUT_LIMIT ? text.slice(0, REGEX_INPUT_LIMIT) : text;
        const note = read.length < text.length ? ` (in the first ${count(REGEX_INPUT_LIMIT)} of ${count(text.length)} characters)` : "";
        const match = regex.exec(read);
        return match ? { pass: true, reason: `matches ${excerpt(match[0])} at character ${count(match.index + 1)}${note}` } : { pass: false, reason: `no match${note}` };
      };
    }
    case "equals": {
      const fold = (s: string) => (check.caseSensitive ? s.trim() : s.trim().toLowerCase());
      const expected = fold(check.text);
      return ({ text }) => (fold(text) === expected ? { pass: true, reason: "equal" } : { pass: false, reason: `is ${excerpt(text.trim())}, not ${excerpt(check.text.trim())}` });
    }
    case "json-valid":
      return ({ text }) => {
        const parsed = parseJsonReply(text);
        return parsed.ok ? { pass: true, reason: "valid JSON" } : { pass: false, reason: `not JSON: ${parsed.reason}` };
      };
    case "json-schema":
      return ({ text }) => {
        const result = checkJsonReply(text, check.schema);
        switch (result.kind) {
          case "matches-schema":
          case "json":
            return { pass: true, reason: "matches the schema" };
          case "violates-schema":
            return { pass: false, reason: `${result.path}: ${result.reason}` };
          case "not-json":
            return { pass: false, reason: `not JSON: ${result.reason}` };
          case "bad-schema":
            return { pass: false, reason: `check not run: the schema cannot be used: ${result.reason}` };
        }
      };
    case "length":
      return ({ text }) => within(characterCount(text), check, "characters");
    case "tokens":
      return ({ completionTokens }) => (completionTokens === undefined ? { pass: false, reason: "the upstream reported no token count" } : within(completionTokens, check, "tokens"));
  }
}

function within(value: number, { min, max }: { min?: number; max?: number }, unit: string) {
  if (min !== undefined && value < min) return { pass: false, reason: `${count(value)} ${unit}, fewer than ${count(min)}` };
  if (max !== undefined && value > max) return { pass: false, reason: `${count(value)} ${unit}, more than ${count(max)}` };
  return { pass: true, reason: `${count(value)} ${unit}` };
}

/** The checks ready to run on many replies: each pattern and schema prepared once. */
export function compileChecks(checks: readonly Check[]): (reply: ReplyToCheck) => CheckResult[] {
  const compiled = checks.map((check) => ({ id: check.id, evaluate: compile(check) }));
  return (reply) => compiled.map(({ id, evaluate }) => ({ checkId: id, ...evaluate(reply) }));
}

export const runChecks = (checks: readonly Check[], reply: ReplyToCheck): CheckResult[] => compileChecks(checks)(reply);

export const allPassed = (results: readonly CheckResult[]) => results.every((r) => r.pass);
