/**
 * A prompt's test set (lib/prompts/prompt-file-test-set.ts keeps its shape, as the prompt file
 * holds it): the operations the Test cases view needs, all pure. Columns follow the prompt's
 * variables; a value left empty takes the variable's default when the row is run.
 */
import type { VariableSpec } from "../prompts/prompt";
import { TEST_SET_CAPS, type Check, type TestRow, type TestSet } from "../prompts/prompt-file-test-set";

export { CHECK_KINDS, REGEX_FLAGS, TEST_SET_CAPS } from "../prompts/prompt-file-test-set";
export type { Check, CheckKind, TestRow, TestSet } from "../prompts/prompt-file-test-set";

/** A check as the editor makes it, before it has an id (one of the union's members, without `id`). */
export type NewCheck = Check extends infer C ? (C extends Check ? Omit<C, "id"> : never) : never;

/** The values of one row as parsed from a paste or a file, before it has an id. */
export type RowValues = Record<string, string>;

export const emptyTestSet = (columns: readonly string[]): TestSet => ({ columns: [...columns], rows: [], checks: [] });

/** Row ids are "r1", "r2"…: the next one is past every id of that form in use, so ids are never reused. */
export function nextRowNumber(rows: readonly TestRow[]): number {
  let highest = 0;
  for (const row of rows) {
    const n = /^r(\d+)$/.exec(row.id)?.[1];
    if (n !== undefined) highest = Math.max(highest, Number(n));
  }
  return highest + 1;
}

/** A copy of `values` that keeps only non-empty values of `columns` (built with fromEntries, so a variable named `__proto__` is a plain key). */
function cleanValues(values: Readonly<RowValues>, columns: readonly string[]): RowValues {
  return Object.fromEntries(columns.filter((c) => Object.hasOwn(values, c) && values[c] !== "").map((c) => [c, values[c]]));
}

export type AddRowsResult = { ok: true; set: TestSet; added: TestRow[] } | { ok: false; error: string };

/** The set with `rows` appended (a paste or an import), all or nothing: the cap is checked on the total. */
export function appendRows(set: TestSet, rows: readonly RowValues[]): AddRowsResult {
  const total = set.rows.length + rows.length;
  if (total > TEST_SET_CAPS.rows) {
    return { ok: false, error: `The test set would have ${total.toLocaleString("en-US")} rows; a test set may have at most ${TEST_SET_CAPS.rows.toLocaleString("en-US")}.` };
  }
  const first = nextRowNumber(set.rows);
  const added = rows.map((values, i) => ({ id: `r${first + i}`, values: cleanValues(values, set.columns) }));
  return { ok: true, set: { ...set, rows: [...set.rows, ...added] }, added };
}

/** The set with its rows replaced (an import that replaces instead of adding). */
export function replaceRows(set: TestSet, rows: readonly RowValues[]): AddRowsResult {
  return appendRows({ ...set, rows: [] }, rows);
}

export function updateValue(set: TestSet, rowId: string, column: string, value: string): TestSet {
  return {
    ...set,
    rows: set.rows.map((row) => (row.id === rowId ? { ...row, values: cleanValues({ ...row.values, [column]: value }, set.columns) } : row)),
  };
}

export const removeRow = (set: TestSet, rowId: string): TestSet => ({ ...set, rows: set.rows.filter((row) => row.id !== rowId) });

/**
 * The set with its columns following the prompt's variables (in their order), after the prompt
 * changed. A column whose variable is gone is kept while a row still has a value in it, so typed
 * values are never dropped silently; an empty one goes.
 */
export function followVariables(set: TestSet, variables: readonly string[]): TestSet {
  const kept = set.columns.filter((c) => !variables.includes(c) && set.rows.some((row) => Object.hasOwn(row.values, c)));
  const columns = [...variables, ...kept];
  if (columns.length === set.columns.length && columns.every((c, i) => c === set.columns[i])) return set;
  return { ...set, columns };
}

/** Columns that are not variables of the prompt any more (the view marks them; a run ignores them). */
export const staleColumns = (set: TestSet, variables: readonly string[]) => set.columns.filter((c) => !variables.includes(c));

export type RowFill = { ok: true; values: Record<string, string> } | { ok: false; missing: string[] };

/**
 * The values a row runs with against a version that uses `names`: its value, else the variable's
 * default. A variable with neither cannot be run (the cell says which), as Send is blocked for it.
 */
export function rowValuesFor(row: TestRow, names: readonly string[], specs: readonly VariableSpec[]): RowFill {
  const values: [string, string][] = [];
  const missing: string[] = [];
  for (const name of names) {
    const value = (Object.hasOwn(row.values, name) ? row.values[name] : "") || specs.find((s) => s.name === name)?.default || "";
    if (value) values.push([name, value]);
    else missing.push(name);
  }
  return missing.length ? { ok: false, missing } : { ok: true, values: Object.fromEntries(values) };
}

export function addCheck(set: TestSet, check: NewCheck): TestSet {
  let n = set.checks.length + 1;
  while (set.checks.some((c) => c.id === `c${n}`)) n++;
  return { ...set, checks: [...set.checks, { ...check, id: `c${n}` } as Check] };
}

export const removeCheck = (set: TestSet, checkId: string): TestSet => ({ ...set, checks: set.checks.filter((c) => c.id !== checkId) });
