/**
 * Test cases from CSV or TSV (pasted from a spreadsheet, or a file), read by papaparse: quoted
 * values with delimiters, quotes and new lines inside, CRLF or LF, a byte-order mark. The first
 * row is the header: one column per variable of the prompt, by name. Everything is checked before
 * anything is added, and each fault names its row and column. Rows are counted as a spreadsheet
 * shows them: the header is row 1, blank lines count (and are skipped), and a quoted value that
 * spans lines is still one row.
 */
import Papa from "papaparse";
import type { RowValues } from "./test-set";
import {
  columnLetter,
  failed,
  inputSizeProblem,
  missingColumnsMessage,
  rowCountProblem,
  stripBom,
  unknownColumnMessage,
  utf8Length,
  valueLengthProblem,
  type ParsedRows,
} from "./row-input";

export type Delimiter = "," | "\t" | ";";

/** What a paste or a file may be delimited by; Excel writes `;` where the decimal mark is a comma. */
export const DELIMITERS: readonly Delimiter[] = [",", "\t", ";"];

/** Rows papaparse reads to guess the delimiter: enough to see a pattern, cheap on a 5 MB file. */
const GUESS_PREVIEW_ROWS = 50;

/** A record read from the text, and whether it is a blank line (not `""`, a quoted empty value, which is a row). */
interface ParsedRecord {
  fields: string[];
  blank: boolean;
}

/** The delimiter of `text`: papaparse's guess (the one that splits its first rows evenly), else a comma (one column needs none). */
export function guessDelimiter(text: string): Delimiter {
  // Blank lines are skipped for the guess only: papaparse takes a trailing empty line as an uneven row.
  const { meta } = Papa.parse<string[]>(text, { preview: GUESS_PREVIEW_ROWS, skipEmptyLines: true, delimitersToGuess: [...DELIMITERS] });
  return DELIMITERS.find((d) => d === meta.delimiter) ?? ",";
}

/** The rows of a CSV/TSV text for a prompt whose variables are `variables`, or every fault, naming row and column. */
export function parseDelimited(input: string, variables: readonly string[], options: { delimiter?: Delimiter } = {}): ParsedRows {
  const sizeProblem = inputSizeProblem(utf8Length(input));
  if (sizeProblem) return failed([sizeProblem]);
  const text = stripBom(input);
  if (text.trim() === "") return failed(["There is nothing to import: the text is empty."]);
  const delimiter = options.delimiter ?? guessDelimiter(text);
  // Record by record, to see each one's text: papaparse reads a blank line and `""` alike, as one empty field.
  const records: ParsedRecord[] = [];
  const errors: string[] = [];
  let cursor = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    header: false,
    step: (results) => {
      const raw = text.slice(cursor, results.meta.cursor);
      cursor = results.meta.cursor;
      const rowNumber = records.length + 1;
      for (const error of results.errors) {
        if (error.code === "MissingQuotes") errors.push(`Row ${rowNumber}: a quoted value is never closed (a " opens it and no " ends it).`);
        else if (error.code === "InvalidQuotes") errors.push(`Row ${rowNumber}: a quote stands inside a value; put the whole value in quotes and double each quote in it ("").`);
        // Field-count faults are found below, with the columns named; an undetectable delimiter is not a fault.
      }
      records.push({ fields: results.data, blank: results.data.length === 1 && results.data[0] === "" && !raw.includes('"') });
    },
  });
  if (errors.length) return failed(errors);

  const headerIndex = records.findIndex((r) => !r.blank);
  if (headerIndex < 0) return failed(["There is nothing to import: the text is empty."]);
  const header = records[headerIndex].fields.map((name) => name.trim());

  // The header first: a wrong header makes every row wrong, so its faults are the ones to show.
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const column = `Column ${columnLetter(i)}`;
    if (name === "") errors.push(`${column} of the header (row ${headerIndex + 1}) has no name; name it after a variable.`);
    else if (seen.has(name)) errors.push(`${column} repeats the column "${name}" (already column ${columnLetter(seen.get(name)!)}); each variable may have one column.`);
    else if (!variables.includes(name)) errors.push(`${column}: ${unknownColumnMessage(name, variables)}`);
    if (name !== "" && !seen.has(name)) seen.set(name, i);
  });
  const missing = variables.filter((v) => !seen.has(v));
  if (missing.length) errors.push(missingColumnsMessage(missing, "column"));
  if (errors.length) return failed(errors);

  const body = records.slice(headerIndex + 1);
  const countProblem = rowCountProblem(body.filter((r) => !r.blank).length);
  if (countProblem) return failed([countProblem]);

  const rows: RowValues[] = [];
  body.forEach(({ fields: record, blank }, i) => {
    if (blank) return;
    const rowNumber = headerIndex + i + 2;
    if (record.length < header.length) {
      const absent = header.slice(record.length).map((n) => `"${n}"`).join(", ");
      errors.push(`Row ${rowNumber} has ${record.length} value${record.length === 1 ? "" : "s"} for ${header.length} columns: no value for ${absent}. Leave a value empty with an empty field (two delimiters in a row), not by leaving it out.`);
      return;
    }
    if (record.length > header.length) {
      errors.push(`Row ${rowNumber} has ${record.length} values for ${header.length} columns: column ${columnLetter(header.length)} has no header. A value holding the delimiter must be in quotes.`);
      return;
    }
    const entries: [string, string][] = [];
    header.forEach((name, c) => {
      const problem = valueLengthProblem(`Row ${rowNumber}, column "${name}"`, record[c]);
      if (problem) errors.push(problem);
      else entries.push([name, record[c]]);
    });
    rows.push(Object.fromEntries(entries));
  });
  if (errors.length) return failed(errors);
  if (!rows.length) return failed([`There is a header but no rows under it.`]);
  return { ok: true, format: delimiter === "\t" ? "tsv" : "csv", rows, columns: header };
}
