"use client";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { usePromptLibraryKind } from "@/lib/hooks/prompt-library-kind";
import { useCapabilities, useModels } from "@/lib/hooks/use-models";
import { MODEL } from "@/lib/model/facts";
import { MIXTRAL_PRICES } from "@/lib/model/prices";
import { checkCache, planTestRun, pricesOf, type RunColumn } from "@/lib/evals/test-run";
import { chosenColumns, compareChoices, currentChoice, CURRENT_COLUMN_ID, versionChoices } from "@/lib/evals/test-run-columns";
import { appendRows, removeRow, staleColumns, updateValue } from "@/lib/evals/test-set";
import { currentPromptContent } from "@/lib/store/prompt-content";
import { useConversationStoreApi } from "../chat/conversation-context";
import { useCompareStore } from "../compare/compare-context";
import type { CellContext } from "./test-cases-cell";
import { TestCasesChecks } from "./test-cases-checks";
import { TestCasesColumns } from "./test-cases-columns";
import { TestCasesExports } from "./test-cases-exports";
import { TestCasesGrid, type GridHandlers } from "./test-cases-grid";
import { TestCasesImport } from "./test-cases-import";
import { useExpandedCells } from "./expanded-cells";
import { useRatingsStore } from "./test-cases-ratings";
import { TestCasesRunBar } from "./test-cases-run-bar";
import { useTestRunScheduler } from "./test-cases-scheduler";
import { useTestSetStorage } from "./test-cases-storage";

/** Compare mode's figure until the capabilities arrive: the embedded engine's default. */
const DEFAULT_CONCURRENCY = 4;
/** The access key variable a promptfoo config reads when the server takes keys (View code's). */
const KEY_ENV = "PLAYGROUND_API_KEY";

/** "Test cases": the prompt's cases as a table, run against one or more columns, checked, rated, summarised and exported. */
export function TestCasesView() {
  const id = useId();
  const conversation = useConversationStoreApi();
  // The page is inert behind the dialog: its prompt, read once, is the prompt of this view.
  const [page] = useState(() => currentPromptContent(conversation.getState().messages));
  const variables = useMemo(() => page.variables.map((v) => v.name), [page]);
  const storage = useTestSetStorage(variables);
  const { set } = storage;
  const capabilities = useCapabilities();
  const models = useModels().data;
  const libraryKind = usePromptLibraryKind();
  const concurrency = capabilities?.concurrentStreams ?? DEFAULT_CONCURRENCY;
  const scheduler = useTestRunScheduler(concurrency);
  const ratings = useRatingsStore();
  const expanded = useExpandedCells();
  const compare = useCompareStore();
  const [compareParams] = useState(() => {
    const state = compare?.getState();
    return state ? state.columns.map((c) => ({ params: state.effectiveParams(c.id) })) : [];
  });
  const [chosen, setChosen] = useState<Set<string>>(() => new Set([CURRENT_COLUMN_ID]));
  const [blocked, setBlocked] = useState<ReadonlyMap<string, string>>(() => new Map());

  const choices = useMemo(() => [currentChoice(page), ...(storage.prompt ? versionChoices(storage.prompt) : []), ...compareChoices(page, compareParams)], [page, storage.prompt, compareParams]);
  const columns: RunColumn[] = useMemo(
    () => chosenColumns(choices, chosen).map((choice) => ({ id: choice.id, label: choice.label, content: choice.content, prices: pricesOf(choice.content.model, models?.models, MIXTRAL_PRICES) })),
    [choices, chosen, models],
  );

  const checks = set?.checks;
  const context = useMemo<CellContext>(() => {
    const checkResults = checkCache(checks ?? []);
    return {
      scheduler,
      ratings,
      expanded,
      checks: checks ?? [],
      checkResults,
      onRerun(key) {
        // A new reply: the rating of the old one no longer applies.
        ratings.clear(key);
        scheduler.rerun(key);
      },
    };
  }, [scheduler, ratings, expanded, checks]);

  // Row edits read the latest set through a ref, so the handlers (and the memoised rows) stay the same.
  const latest = useRef({ set, change: storage.change });
  useEffect(() => {
    latest.current = { set, change: storage.change };
  });
  const [handlers] = useState<GridHandlers>(() => ({
    onValue: (rowId, column, value) => {
      const { set: current, change } = latest.current;
      if (current) change(updateValue(current, rowId, column, value));
    },
    onRemove: (rowId) => {
      const { set: current, change } = latest.current;
      if (current) change(removeRow(current, rowId));
    },
  }));

  if (!set) return <p className="text-sm text-muted">Loading the test cases…</p>;

  const addRow = () => {
    const added = appendRows(set, [{}]);
    if (added.ok) storage.change(added.set);
  };
  const runAll = () => {
    const plan = planTestRun(set, columns);
    ratings.clear();
    setBlocked(plan.blocked);
    scheduler.start(plan.cells);
  };
  const why = !set.rows.length ? "Add a test case first." : !columns.length ? "Choose a column to run." : undefined;
  const stale = staleColumns(set, variables);

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        {storage.opened ? (
          <>
            Test cases of <strong className="text-fg">{storage.opened.name}</strong>, kept with the prompt (not with a version: every version runs against them).
          </>
        ) : (
          "Test cases of the page's prompt: kept in this browser, and saved with the prompt when you save it."
        )}{" "}
        {variables.length ? `One column per variable (${variables.join(", ")}); an empty value takes the variable's default.` : "This prompt has no {{variables}}: every row sends the same prompt."}
      </p>
      <p role="status" className="text-xs text-muted">
        {storage.status.kind === "saving" ? "Saving…" : storage.status.kind === "saved" ? storage.status.where : storage.status.kind === "error" ? storage.status.message : ""}
      </p>

      <section aria-labelledby={`${id}-cases`} className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={`${id}-cases`} className="text-base font-semibold">
            Cases ({set.rows.length})
          </h3>
          <button type="button" className="btn-quiet border border-line" onClick={addRow}>
            Add row
          </button>
        </div>
        <TestCasesImport set={set} variables={variables} onChange={storage.change} />
      </section>

      <TestCasesChecks set={set} onChange={storage.change} />
      <TestCasesColumns choices={choices} chosen={chosen} onChange={setChosen} />
      <TestCasesRunBar scheduler={scheduler} canRun={!why} why={why} onRun={runAll} limit={concurrency} />
      {set.rows.length ? <TestCasesGrid set={set} stale={stale} columns={columns} blocked={blocked} handlers={handlers} context={context} /> : null}
      <TestCasesExports set={set} columns={columns} context={context} defaultModel={models?.current ?? MODEL.id} keyEnv={libraryKind === "server" ? KEY_ENV : null} concurrency={concurrency} />
    </div>
  );
}
