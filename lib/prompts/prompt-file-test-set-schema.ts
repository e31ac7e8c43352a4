/**
 * The test set's part of the prompt file (`prompts[i].testSet`, ./prompt-file-test-set.ts), checked
 * as strictly as the rest of the file: every fault is named by its path
 * (`prompts[0].testSet.rows[3].values.city: must be at most 100,000 characters`), caps say their
 * limit, and a regex that cannot compile or could freeze the page is refused (./prompt-file-regex.ts).
 */
import { z } from "zod";
import { PROMPT_FILE_CAPS } from "./caps";
import { regexProblem } from "./prompt-file-regex";
import { TEST_SET_CAPS, type Check, type TestSet } from "./prompt-file-test-set";
import { VARIABLE_NAME } from "./variables";

const count = (n: number) => n.toLocaleString("en-US");

const text = (what: string, max: number) =>
  z.string({ error: `${what} must be a text` }).max(max, { error: `${what} must be at most ${count(max)} characters` });

const ID = /^[A-Za-z0-9_-]+$/;
const id = (what: string) =>
  z
    .string({ error: `${what} must be a text` })
    .regex(ID, { error: `${what} must be letters, digits, _ or -` })
    .max(TEST_SET_CAPS.rowId, { error: `${what} must be at most ${TEST_SET_CAPS.rowId} characters` });

const variableName = z
  .string({ error: "a column must be a variable name" })
  .regex(VARIABLE_NAME, { error: "a column must be a variable name: letters, digits and _, not starting with a digit" })
  // zod reads an object key "__proto__" by assigning it, which drops it: refused, rather than lost.
  .refine((name) => name !== "__proto__", { error: "__proto__ cannot be a column of a test set in a file" });

const bound = (what: string) =>
  z.number({ error: `${what} must be a number` }).int({ error: `${what} must be a whole number` }).min(0, { error: `${what} must be at least 0` }).optional();

const caseSensitive = z.boolean({ error: "caseSensitive must be true or false" });

const bounds = <K extends "length" | "tokens">(kind: K) =>
  z
    .strictObject({ id: id("id"), kind: z.literal(kind), min: bound("min"), max: bound("max") })
    .refine((c) => c.min !== undefined || c.max !== undefined, { error: "give min, max or both" })
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, { error: "min must not be more than max", path: ["min"] });

export const CheckSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ id: id("id"), kind: z.literal("contains"), text: text("text", TEST_SET_CAPS.checkText).min(1, { error: "text must not be empty" }), caseSensitive }),
    z.strictObject({ id: id("id"), kind: z.literal("not-contains"), text: text("text", TEST_SET_CAPS.checkText).min(1, { error: "text must not be empty" }), caseSensitive }),
    z
      .strictObject({ id: id("id"), kind: z.literal("regex"), pattern: z.string({ error: "pattern must be a text" }), flags: z.string({ error: "flags must be a text" }) })
      .superRefine((c, ctx) => {
        const problem = regexProblem(c.pattern, c.flags);
        if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["pattern"] });
      }),
    z.strictObject({ id: id("id"), kind: z.literal("equals"), text: text("text", TEST_SET_CAPS.checkText), caseSensitive }),
    z.strictObject({ id: id("id"), kind: z.literal("json-valid") }),
    z.strictObject({
      id: id("id"),
      kind: z.literal("json-schema"),
      schema: z
        .record(z.string(), z.unknown(), { error: "schema must be a JSON Schema object" })
        .refine((schema) => JSON.stringify(schema).length <= TEST_SET_CAPS.schemaLength, { error: `schema must be at most ${count(TEST_SET_CAPS.schemaLength)} characters as JSON` }),
    }),
    bounds("length"),
    bounds("tokens"),
  ],
  { error: 'kind must be one of "contains", "not-contains", "regex", "equals", "json-valid", "json-schema", "length", "tokens"' },
);

export const TestRowSchema = z.strictObject({
  id: id("id"),
  values: z.record(z.string(), text("a value", TEST_SET_CAPS.valueLength), { error: "values must be an object of variable → text" }),
});

export const TestSetSchema = z
  .strictObject({
    columns: z
      .array(variableName, { error: "columns must be a list of variable names" })
      .max(PROMPT_FILE_CAPS.variables, { error: `at most ${PROMPT_FILE_CAPS.variables} columns` })
      .refine((columns) => new Set(columns).size === columns.length, { error: "a column is listed twice" }),
    rows: z.array(TestRowSchema, { error: "rows must be a list" }).max(TEST_SET_CAPS.rows, { error: `at most ${count(TEST_SET_CAPS.rows)} rows in a test set` }),
    checks: z.array(CheckSchema, { error: "checks must be a list" }).max(TEST_SET_CAPS.checks, { error: `at most ${TEST_SET_CAPS.checks} checks in a test set` }),
  })
  .superRefine((set, ctx) => {
    // The structure a shape cannot say: values only for listed columns, ids unique.
    const columns = new Set(set.columns);
    const rowIds = new Set<string>();
    set.rows.forEach((row, i) => {
      for (const key of Object.keys(row.values)) {
        if (!columns.has(key)) ctx.addIssue({ code: "custom", message: `"${key}" is not one of the columns (${set.columns.join(", ") || "none"})`, path: ["rows", i, "values", key] });
      }
      if (rowIds.has(row.id)) ctx.addIssue({ code: "custom", message: `another row has the id "${row.id}"`, path: ["rows", i, "id"] });
      rowIds.add(row.id);
    });
    const checkIds = new Set<string>();
    set.checks.forEach((check, i) => {
      if (checkIds.has(check.id)) ctx.addIssue({ code: "custom", message: `another check has the id "${check.id}"`, path: ["checks", i, "id"] });
      checkIds.add(check.id);
    });
  });

// The schema and the hand-written types (which the page imports without zod) must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checksAgree: Same<z.infer<typeof CheckSchema>, Check> = true;
const setsAgree: Same<z.infer<typeof TestSetSchema>, TestSet> = true;
void checksAgree;
void setsAgree;
