/** A test set's rows as CSV (header: its columns), which the CSV import reads back as they were. */
import type { TestSet } from "../prompts/prompt-file-test-set";
import { writeCsv, type CsvOptions } from "./write-csv";

export function testSetCsv(set: TestSet, options: CsvOptions = {}): string {
  return writeCsv(
    set.columns,
    set.rows.map((row) => set.columns.map((column) => (Object.hasOwn(row.values, column) ? row.values[column] : ""))),
    options,
  );
}
