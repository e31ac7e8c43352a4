/**
 * A sample-spread run's results as it goes: the finished samples per setting (sweep value),
 * grouped by sampleSpread. Samples that failed or were stopped are left out of the figures
 * (an error is not an answer); the view lists them apart.
 */
import type { RunSnapshot } from "./run-scheduler";
import { sampleSpread, type Spread, type SpreadSample } from "./sample-spread";
import type { SpreadCell } from "./spread-plan";

export interface SpreadSetting<C extends SpreadCell> {
  /** The sweep value, or null at the panel's settings. */
  value: number | null;
  cells: C[];
  /** The finished samples, in order; `spread.groups[].samples` index into it. */
  finished: { cell: C; text: string }[];
  spread: Spread;
}

/**
 * `previous` (the last call's results for the same cells) lets a setting whose finished samples
 * did not change keep its grouping: a 300-sample sweep then groups one setting per finished
 * sample, not all six.
 */
export function spreadResults<C extends SpreadCell>(cells: readonly C[], snapshot: RunSnapshot, previous: readonly SpreadSetting<C>[] = []): SpreadSetting<C>[] {
  const settings = new Map<number | null, C[]>();
  for (const cell of cells) settings.set(cell.value, [...(settings.get(cell.value) ?? []), cell]);
  const next = [...settings.entries()].map(([value, members]) => {
    const before = previous.find((p) => p.value === value);
    const done = members.filter((cell) => snapshot.cells[cell.id]?.status === "done");
    if (before && before.finished.length === done.length && before.finished.every((f, i) => f.cell === done[i] && f.text === textOf(snapshot, f.cell))) return before;
    const finished: { cell: C; text: string }[] = [];
    const samples: SpreadSample[] = [];
    for (const cell of members) {
      const state = snapshot.cells[cell.id];
      if (state?.status !== "done") continue;
      finished.push({ cell, text: state.outcome.text });
      samples.push({ text: state.outcome.text, ...(state.outcome.usage ? { completionTokens: state.outcome.usage.completionTokens } : {}) });
    }
    return { value, cells: members, finished, spread: sampleSpread(samples) };
  });
  // Nothing new: the same list, so a caller that keeps it (React state) sees no change.
  return next.length === previous.length && next.every((s, i) => s === previous[i]) ? (previous as SpreadSetting<C>[]) : next;
}

const textOf = (snapshot: RunSnapshot, cell: SpreadCell) => {
  const state = snapshot.cells[cell.id];
  return state?.status === "done" ? state.outcome.text : undefined;
};
