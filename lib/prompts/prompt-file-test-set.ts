/**
 * A prompt's test set, as the prompt file keeps it (docs/evals.md): one column per variable of the
 * prompt, one row of values per case, and the checks every reply is held to. It lives here, beside
 * the file format, because the file is where it is kept; lib/evals/ (parsing, checks, runs) builds
 * on it. Free of zod, so the page can import the types and caps cheaply; the file's schema for it
 * is ./prompt-file-test-set-schema.ts.
 */

/** The limits of a test set, each stated in the error that enforces it. */
export const TEST_SET_CAPS = {
  /** Rows a test set may hold (a paste, an import, or the file). */
  rows: 5_000,
  /** Characters in one value: as long as a System Message may be, so a document fits. */
  valueLength: 100_000,
  /** Bytes of a pasted or imported CSV, TSV or JSONL text: the prompt file's own cap. */
  inputBytes: 5_000_000,
  /** Checks per test set. */
  checks: 50,
  /** Characters of a check's text (contains, equals). */
  checkText: 10_000,
  /** Characters of a regex check's pattern. */
  regexLength: 1_000,
  /** Characters of a JSON schema check's schema, as JSON. */
  schemaLength: 100_000,
  /** Characters of a row id. */
  rowId: 64,
} as const;

/** One case: a value per variable. A variable with no value (or an empty one) takes its default when run. */
export interface TestRow {
  /** Stable within the set (results and ratings are keyed by it): "r1", "r2"… */
  id: string;
  values: Record<string, string>;
}

export type Check =
  | { id: string; kind: "contains"; text: string; caseSensitive: boolean }
  | { id: string; kind: "not-contains"; text: string; caseSensitive: boolean }
  /** `flags` from "imsu": g and y keep state between runs, so they are not offered. */
  | { id: string; kind: "regex"; pattern: string; flags: string }
  /** The reply, trimmed, equals `text` (trimmed too). */
  | { id: string; kind: "equals"; text: string; caseSensitive: boolean }
  | { id: string; kind: "json-valid" }
  | { id: string; kind: "json-schema"; schema: Record<string, unknown> }
  /** Characters of the reply; either bound may be left out. */
  | { id: string; kind: "length"; min?: number; max?: number }
  /** Completion tokens of the reply (its usage); either bound may be left out. */
  | { id: string; kind: "tokens"; min?: number; max?: number };

export type CheckKind = Check["kind"];

export const CHECK_KINDS = ["contains", "not-contains", "regex", "equals", "json-valid", "json-schema", "length", "tokens"] as const satisfies readonly CheckKind[];

/** The regex flags a check may carry. */
export const REGEX_FLAGS = "imsu";

export interface TestSet {
  /** The variables the rows give values for, in the table's order. */
  columns: string[];
  rows: TestRow[];
  checks: Check[];
}
