"use client";
import { LazyDialogButton } from "../ui/lazy-dialog-button";

const loadPanel = () => import("./history-panel").then((m) => m.HistoryPanel);

/** "History": past conversations (IndexedDB), loaded when the page is idle. */
export function HistoryButton() {
  return <LazyDialogButton label="History" title="History" load={loadPanel} />;
}
