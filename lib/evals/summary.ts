/**
 * The summary row under each column of the results grid: how many replies passed every check,
 * the ratings, speed (mean and 90th percentile of total time), tokens and cost. Only cells with a
 * finished reply count towards pass rate and times; errors are counted on their own.
 */
import type { CheckResult } from "./checks";
import { cellCost, cellKey, gridCheckResults, type ResultGrid } from "./results";

export interface ColumnSummary {
  columnId: string;
  /** Rows in the test set. */
  rows: number;
  /** Cells with a finished reply. */
  done: number;
  errors: number;
  /** Finished cells that passed every check. */
  passed: number;
  /** passed ÷ done; null when there are no checks or no finished cells. */
  passRate: number | null;
  /** Per check: finished cells it passed. */
  checkPasses: { checkId: string; passed: number }[];
  good: number;
  bad: number;
  meanMs: number | null;
  /** Nearest-rank 90th percentile of the finished cells' total time. */
  p90Ms: number | null;
  meanFirstTokenMs: number | null;
  promptTokens: number;
  completionTokens: number;
  /** USD; null when the column's prices are unknown. */
  cost: number | null;
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** The nearest-rank percentile (`p` in 0–100): the smallest value with at least p% of values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarizeGrid(grid: ResultGrid, checkResults: ReadonlyMap<string, readonly CheckResult[]> = gridCheckResults(grid)): ColumnSummary[] {
  const checkIds = grid.testSet.checks.map((c) => c.id);
  return grid.columns.map((column) => {
    const summary: ColumnSummary = {
      columnId: column.id,
      rows: grid.testSet.rows.length,
      done: 0,
      errors: 0,
      passed: 0,
      passRate: null,
      checkPasses: checkIds.map((checkId) => ({ checkId, passed: 0 })),
      good: 0,
      bad: 0,
      meanMs: null,
      p90Ms: null,
      meanFirstTokenMs: null,
      promptTokens: 0,
      completionTokens: 0,
      cost: column.prices ? 0 : null,
    };
    const totals: number[] = [];
    const firstTokens: number[] = [];
    for (const row of grid.testSet.rows) {
      const key = cellKey(row.id, column.id);
      const cell = grid.cells.get(key);
      if (!cell) continue;
      if (cell.rating === "good") summary.good++;
      if (cell.rating === "bad") summary.bad++;
      // Tokens and cost count for every reply that used them, a stopped or failed one too: they were paid for.
      if (cell.usage) {
        summary.promptTokens += cell.usage.promptTokens;
        summary.completionTokens += cell.usage.completionTokens;
      }
      const cost = cellCost(cell, column.prices);
      if (cost !== undefined && summary.cost !== null) summary.cost += cost;
      if (cell.status === "error") summary.errors++;
      if (cell.status !== "done") continue;
      summary.done++;
      if (cell.totalMs !== undefined) totals.push(cell.totalMs);
      if (cell.firstTokenMs !== undefined) firstTokens.push(cell.firstTokenMs);
      const results = checkResults.get(key) ?? [];
      if (results.length && results.every((r) => r.pass)) summary.passed++;
      for (const result of results) {
        const entry = summary.checkPasses.find((c) => c.checkId === result.checkId);
        if (entry && result.pass) entry.passed++;
      }
    }
    summary.passRate = checkIds.length && summary.done ? summary.passed / summary.done : null;
    summary.meanMs = mean(totals);
    summary.p90Ms = percentile(totals, 90);
    summary.meanFirstTokenMs = mean(firstTokens);
    return summary;
  });
}
