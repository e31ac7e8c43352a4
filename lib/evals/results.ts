/**
 * The results grid: one cell per test row and column (a saved version, or a setting from compare
 * mode), each a reply with its numbers and the person's rating. The summary and the CSV export
 * read the same cells, and run the checks the same way, so they agree with the grid.
 */
import type { Usage } from "../chat/events";
import type { Prices } from "../model/pricing";
import { usageCost } from "../model/pricing";
import type { TestSet } from "../prompts/prompt-file-test-set";
import { compileChecks, type CheckResult } from "./checks";

export type Rating = "good" | "bad";

export interface CellResult {
  /** "done": a reply came to its end (stop, length…); "error": the upstream or network failed; "stopped": Stop was pressed. */
  status: "done" | "error" | "stopped";
  text: string;
  usage?: Usage;
  firstTokenMs?: number;
  totalMs?: number;
  error?: string;
  rating?: Rating;
}

export interface ResultColumn {
  id: string;
  label: string;
  /** The column's model's prices; null where they are unknown (no cost is shown, never a guess). */
  prices: Prices | null;
}

export interface ResultGrid {
  testSet: TestSet;
  columns: readonly ResultColumn[];
  /** Keyed by cellKey(rowId, columnId); a cell not run yet is absent. */
  cells: ReadonlyMap<string, CellResult>;
}

/** A row id and a column id cannot hold a NUL, so the pair is unambiguous. */
export const cellKey = (rowId: string, columnId: string) => `${rowId}\u0000${columnId}`;

export const cellCost = (cell: CellResult, prices: Prices | null): number | undefined => (cell.usage && prices ? usageCost(cell.usage, prices) : undefined);

/** Check results per cell of the grid, for cells with a finished reply: the checks compiled once. */
export function gridCheckResults(grid: ResultGrid): Map<string, CheckResult[]> {
  const evaluate = compileChecks(grid.testSet.checks);
  const results = new Map<string, CheckResult[]>();
  if (!grid.testSet.checks.length) return results;
  for (const row of grid.testSet.rows) {
    for (const column of grid.columns) {
      const key = cellKey(row.id, column.id);
      const cell = grid.cells.get(key);
      if (cell?.status === "done") results.set(key, evaluate({ text: cell.text, completionTokens: cell.usage?.completionTokens }));
    }
  }
  return results;
}
