"use client";
import { LazyDialogButton } from "../ui/lazy-dialog-button";

// Grouping, the chart and the run's scheduler: loaded when the page is idle, never in its first load.
const loadPanel = () => import("./spread-view").then((m) => m.SpreadView);

/** "Sample spread": one message run k times, and how much the answers differ. */
export function SpreadButton() {
  return <LazyDialogButton label="Sample spread" title="Sample spread" load={loadPanel} />;
}
