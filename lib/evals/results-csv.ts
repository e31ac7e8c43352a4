/**
 * The results grid as CSV, one line per test row as the grid shows it: the row's values, then for
 * each column its reply, status, tokens, first-token and total time, cost, each check's pass or
 * fail, and the rating. A cell not run yet is empty. Numbers are plain (no thousands separators),
 * so a spreadsheet reads them as numbers.
 */
import { describeCheck, type CheckResult } from "./checks";
import { cellCost, cellKey, gridCheckResults, type CellResult, type ResultGrid } from "./results";
import { writeCsv, type CsvOptions } from "./write-csv";

const PER_COLUMN = ["reply", "status", "prompt tokens", "reply tokens", "first token ms", "total ms", "cost USD", "checks"] as const;

export function resultsCsvHeader(grid: ResultGrid): string[] {
  const checks = grid.testSet.checks.map((check) => `check: ${describeCheck(check)}`);
  return [...grid.testSet.columns, ...grid.columns.flatMap((column) => [...PER_COLUMN, ...checks, "rating"].map((field) => `${column.label}: ${field}`))];
}

const status = (cell: CellResult) => (cell.status === "error" ? `error: ${cell.error ?? "failed"}` : cell.status);
const number = (value: number | undefined) => (value === undefined ? "" : String(value));

export function resultsCsv(grid: ResultGrid, options: CsvOptions = {}): string {
  const checkResults: ReadonlyMap<string, readonly CheckResult[]> = gridCheckResults(grid);
  const checkIds = grid.testSet.checks.map((c) => c.id);
  const data = grid.testSet.rows.map((row) => [
    ...grid.testSet.columns.map((column) => (Object.hasOwn(row.values, column) ? row.values[column] : "")),
    ...grid.columns.flatMap((column) => {
      const key = cellKey(row.id, column.id);
      const cell = grid.cells.get(key);
      if (!cell) return Array<string>(PER_COLUMN.length + checkIds.length + 1).fill("");
      const results = checkResults.get(key);
      const passed = results?.filter((r) => r.pass).length ?? 0;
      return [
        cell.text,
        status(cell),
        number(cell.usage?.promptTokens),
        number(cell.usage?.completionTokens),
        number(cell.firstTokenMs),
        number(cell.totalMs),
        number(cellCost(cell, column.prices)),
        results ? `${passed}/${results.length}` : "",
        ...checkIds.map((id) => {
          const result = results?.find((r) => r.checkId === id);
          return result ? (result.pass ? "pass" : "fail") : "";
        }),
        cell.rating ? (cell.rating === "good" ? "Good" : "Bad") : "",
      ];
    }),
  ]);
  return writeCsv(resultsCsvHeader(grid), data, options);
}
