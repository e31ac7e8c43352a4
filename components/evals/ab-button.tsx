"use client";
import { LazyDialogButton } from "../ui/lazy-dialog-button";

// Rounds, the reveal and the run's scheduler: loaded when the page is idle, never in its first load.
const loadPanel = () => import("./ab-view").then((m) => m.AbView);

/** "Blind A/B": two settings judged without knowing which is which. */
export function AbButton() {
  return <LazyDialogButton label="Blind A/B" title="Blind A/B" load={loadPanel} />;
}
