/**
 * What the CSV, TSV and JSONL readers share: the result shape, the caps (with their limits in the
 * message), and the words that name a column and a variable in an error.
 */
import { TEST_SET_CAPS } from "../prompts/prompt-file-test-set";
import type { RowValues } from "./test-set";

export type RowsFormat = "csv" | "tsv" | "jsonl";

/** Rows to add, all of them; or every fault found (at most MAX_LISTED_ERRORS listed), and no rows at all. */
export type ParsedRows = { ok: true; format: RowsFormat; rows: RowValues[]; columns: string[] } | { ok: false; errors: string[] };

/** A wrong file can have thousands of faults; the first ones say what is wrong. */
export const MAX_LISTED_ERRORS = 20;

const count = (n: number) => n.toLocaleString("en-US");

export function failed(errors: readonly string[]): ParsedRows {
  const listed = errors.length <= MAX_LISTED_ERRORS ? [...errors] : [...errors.slice(0, MAX_LISTED_ERRORS), `…and ${count(errors.length - MAX_LISTED_ERRORS)} more`];
  return { ok: false, errors: listed };
}

/** The input's size fault, or null. Checked before parsing, so a huge paste costs nothing more. */
export function inputSizeProblem(bytes: number): string | null {
  if (bytes <= TEST_SET_CAPS.inputBytes) return null;
  return `The text is ${(bytes / 1_000_000).toFixed(1)} MB; test cases may be at most ${TEST_SET_CAPS.inputBytes / 1_000_000} MB.`;
}

/** UTF-8 bytes of `text`, without encoding it (a 5 MB paste need not be copied to be measured). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function rowCountProblem(rows: number): string | null {
  if (rows <= TEST_SET_CAPS.rows) return null;
  return `There are ${count(rows)} rows; a test set may have at most ${count(TEST_SET_CAPS.rows)}.`;
}

/** `where` names the row and column (`Row 4, column "city"`). */
export function valueLengthProblem(where: string, value: string): string | null {
  if (value.length <= TEST_SET_CAPS.valueLength) return null;
  return `${where}: the value is ${count(value.length)} characters; a value may be at most ${count(TEST_SET_CAPS.valueLength)}.`;
}

export const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/** "the prompt's variables are "city", "tone"", or that it has none. */
export const variablesList = (variables: readonly string[]) => (variables.length ? `the prompt's variables are ${quoted(variables)}` : "the prompt has no variables");

/** Why `name` is not a column, with the variable it was probably meant to be. */
export function unknownColumnMessage(name: string, variables: readonly string[]): string {
  const near = variables.find((v) => v.toLowerCase() === name.toLowerCase());
  return `"${name}" is not a variable of this prompt${near ? ` (did you mean "${near}"? names are case-sensitive)` : ""}; ${variablesList(variables)}.`;
}

export function missingColumnsMessage(missing: readonly string[], noun: "column" | "key"): string {
  return missing.length === 1
    ? `No ${noun} for the variable "${missing[0]}": every variable of the prompt needs a ${noun} (leave its values empty to use the default).`
    : `No ${noun}s for the variables ${quoted(missing)}: every variable of the prompt needs a ${noun} (leave its values empty to use the default).`;
}

/** Spreadsheet letters for a 0-based column: A, B, … Z, AA, AB… */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
