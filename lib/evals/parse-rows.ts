/**
 * One entry for every way test cases come in: a paste (CSV, TSV or JSONL, told apart by their
 * first character and papaparse's delimiter guess) or a file (by its name). See docs/evals.md.
 */
import { parseDelimited } from "./parse-delimited";
import { parseJsonl } from "./parse-jsonl";
import { failed, inputSizeProblem, type ParsedRows, type RowsFormat } from "./row-input";

export type { ParsedRows, RowsFormat } from "./row-input";

/** The format a file's name says, "auto" for plain text, or null for a file that is none of them. */
export function formatOfFileName(name: string): RowsFormat | "auto" | null {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === "csv") return "csv";
  if (extension === "tsv" || extension === "tab") return "tsv";
  if (extension === "jsonl" || extension === "ndjson") return "jsonl";
  if (extension === "txt") return "auto";
  return null;
}

/** JSON Lines start with an object; a CSV header starts with a name. */
export function looksLikeJsonl(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text);
}

/** Rows for a prompt whose variables are `variables`, from a paste or a file's text; all or nothing. */
export function parseRows(text: string, variables: readonly string[], format: RowsFormat | "auto" = "auto"): ParsedRows {
  const resolved = format === "auto" ? (looksLikeJsonl(text) ? "jsonl" : "csv") : format;
  if (resolved === "jsonl") return parseJsonl(text, variables);
  return parseDelimited(text, variables, resolved === "tsv" ? { delimiter: "\t" } : {});
}

/** A picked file, checked by name and size before it is read (a 2 GB file is refused without reading it). */
export function fileProblem(file: { name: string; size: number }): string | null {
  if (formatOfFileName(file.name) === null) return `"${file.name}" is not a .csv, .tsv, .jsonl or .txt file.`;
  return inputSizeProblem(file.size);
}

export async function parseRowsFile(file: { name: string; size: number; text(): Promise<string> }, variables: readonly string[]): Promise<ParsedRows> {
  const problem = fileProblem(file);
  if (problem) return failed([problem]);
  return parseRows(await file.text(), variables, formatOfFileName(file.name) ?? "auto");
}
