/**
 * CSV out, through papaparse's unparse: RFC 4180 quoting (a value holding a comma, a quote, a new
 * line or edge spaces is quoted, its quotes doubled), CRLF between rows.
 */
import Papa from "papaparse";

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, which Excel needs to read non-ASCII text correctly. Off by default: other tools take it as part of the first name. */
  bom?: boolean;
  /**
   * Put a `'` before values starting with = + - @ (tab or CR), so a spreadsheet shows them as text
   * instead of running them as formulas: model replies are text from outside, and a formula can
   * fetch URLs. Off by default, because it changes the values (the file no longer equals the grid).
   */
  spreadsheetSafe?: boolean;
}

export function writeCsv(fields: readonly string[], data: readonly (readonly string[])[], options: CsvOptions = {}): string {
  const csv = Papa.unparse(
    { fields: [...fields], data: data.map((row) => [...row]) },
    {
      newline: "\r\n",
      // A one-column file's empty value would be a blank line, which readers skip: quote it.
      quotes: (value: unknown) => fields.length === 1 && value === "",
      escapeFormulae: options.spreadsheetSafe ?? false,
    },
  );
  return `${options.bom ? "\uFEFF" : ""}${csv}\r\n`;
}
