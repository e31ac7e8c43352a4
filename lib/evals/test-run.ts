/**
 * A test run as the Test cases view makes it: every row × column of the grid as a request (the
 * column's prompt with the row's values filled in, as Send fills them), the cells that cannot run
 * (a variable with no value and no default, or no message to answer) with the reason, and the
 * scheduler's states read back as the grid's results (./results.ts) for the summary and the CSV.
 */
import type { ChatRequest } from "../chat/request";
import type { Prices } from "../model/pricing";
import { fillRequest, requestVariables } from "../prompts/fill-request";
import type { PromptContent } from "../prompts/prompt";
import type { TestSet } from "../prompts/prompt-file-test-set";
import { compileChecks, type CheckResult } from "./checks";
import { cellKey, type CellResult, type Rating, type ResultColumn, type ResultGrid } from "./results";
import type { CellStatus, CellSuccess } from "./run-scheduler";
import { rowValuesFor } from "./test-set";

/** A column of the grid: a prompt (the page's, a saved version's, or the page's with a compare column's settings) and its model's prices. */
export interface RunColumn extends ResultColumn {
  content: PromptContent;
}

export interface RunCell {
  /** cellKey(rowId, columnId): the scheduler's id, the grid's key. */
  id: string;
  rowId: string;
  columnId: string;
  body: ChatRequest;
}

export interface TestRunPlan {
  cells: RunCell[];
  /** Cells that are not sent, with the reason a cell shows. */
  blocked: Map<string, string>;
}

/** The request of `content` for one row, or why it cannot be sent. */
export function rowRequest(content: PromptContent, values: Readonly<Record<string, string>>): ChatRequest {
  const { systemMessage, messages, params, options, model } = content;
  return fillRequest({ systemMessage, messages, params, ...(options ? { options } : {}), ...(model ? { model } : {}) }, values);
}

/** Rows × columns, row by row (so the first rows' replies come first, as the grid reads). */
export function planTestRun(set: TestSet, columns: readonly RunColumn[]): TestRunPlan {
  const cells: RunCell[] = [];
  const blocked = new Map<string, string>();
  const prepared = columns.map((column) => ({
    column,
    names: requestVariables(column.content),
    // The upstream needs a message to answer: a System Message alone is not a request.
    noMessage: !column.content.messages.some((m) => m.role === "user"),
  }));
  for (const row of set.rows) {
    for (const { column, names, noMessage } of prepared) {
      const id = cellKey(row.id, column.id);
      if (noMessage) {
        blocked.set(id, "Not run: the prompt has no message to answer. Type one in the composer (it need not be sent).");
        continue;
      }
      const fill = rowValuesFor(row, names, column.content.variables);
      if (!fill.ok) {
        blocked.set(id, `Not run: no value for ${fill.missing.map((n) => `"${n}"`).join(", ")} (and no default).`);
        continue;
      }
      cells.push({ id, rowId: row.id, columnId: column.id, body: rowRequest(column.content, fill.values) });
    }
  }
  return { cells, blocked };
}

/** A cell's state as a result of the grid; undefined while it has none yet (queued, running, waiting). */
export function cellResultOf(state: CellStatus | undefined, rating?: Rating): CellResult | undefined {
  const rated = rating ? { rating } : {};
  switch (state?.status) {
    case "done": {
      const { text, usage, firstTokenMs, totalMs } = state.outcome;
      return { status: "done", text, ...(usage ? { usage } : {}), ...(firstTokenMs !== undefined ? { firstTokenMs: Math.round(firstTokenMs) } : {}), ...(totalMs !== undefined ? { totalMs: Math.round(totalMs) } : {}), ...rated };
    }
    case "error": {
      // collectReply keeps the text that came before the error: it is shown and exported too.
      const partial = (state.outcome as { partial?: unknown }).partial;
      return { status: "error", text: typeof partial === "string" ? partial : "", error: state.outcome.message, ...rated };
    }
    case "stopped":
      return { status: "stopped", text: "", ...rated };
    default:
      return undefined;
  }
}

/** The grid the summary and the CSV read: the cells as the view shows them now. */
export function runGrid(set: TestSet, columns: readonly ResultColumn[], states: Readonly<Record<string, CellStatus>>, ratings: ReadonlyMap<string, Rating>): ResultGrid {
  const cells = new Map<string, CellResult>();
  for (const row of set.rows) {
    for (const column of columns) {
      const key = cellKey(row.id, column.id);
      const result = cellResultOf(states[key], ratings.get(key));
      if (result) cells.set(key, result);
    }
  }
  return { testSet: set, columns: columns.map(({ id, label, prices }) => ({ id, label, prices })), cells };
}

/**
 * Check results per finished reply, each computed once: the grid's cells, the summary and the
 * export ask for them after every change of the run, and a regex over 1,000 replies each time
 * would be work thrown away. A new set of checks makes a new cache.
 */
export function checkCache(checks: TestSet["checks"]): (outcome: CellSuccess) => CheckResult[] {
  const evaluate = compileChecks(checks);
  const cache = new WeakMap<CellSuccess, CheckResult[]>();
  return (outcome) => {
    let results = cache.get(outcome);
    if (!results) cache.set(outcome, (results = checks.length ? evaluate({ text: outcome.text, completionTokens: outcome.usage?.completionTokens }) : []));
    return results;
  };
}

/** Every finished cell's check results, from the cache: what summarizeGrid takes. */
export function gridChecks(states: Readonly<Record<string, CellStatus>>, results: (outcome: CellSuccess) => CheckResult[]): Map<string, CheckResult[]> {
  const out = new Map<string, CheckResult[]>();
  for (const [key, state] of Object.entries(states)) if (state.status === "done") out.set(key, results(state.outcome));
  return out;
}

/** The prices of a model the server lists (null where unknown: no cost is shown, never a guess). */
export function pricesOf(model: string | undefined, models: readonly { id: string; prices: Prices | null }[] | undefined, fallback: Prices | null): Prices | null {
  if (!model) return fallback;
  return models?.find((m) => m.id === model)?.prices ?? null;
}
