"use client";
import { LazyDialogButton } from "../ui/lazy-dialog-button";

// The table, CSV parsing (papaparse), checks and the run: loaded when the page is idle, never in its first load.
const loadPanel = () => import("./test-cases-view").then((m) => m.TestCasesView);

/** "Test cases": the prompt's variables as a table of cases, run, checked and rated. */
export function TestCasesButton() {
  return <LazyDialogButton label="Test cases" title="Test cases" load={loadPanel} />;
}
