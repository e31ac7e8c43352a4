/**
 * The columns a test run can have (docs/evals.md "Runs"): the page's prompt with the panel's
 * settings, saved versions of the open prompt, and compare mode's settings columns (the page's
 * prompt with each column's parameters). At most six at once, as compare mode has.
 */
import type { SamplingParams } from "../params";
import { contentOf, type Prompt, type PromptContent } from "../prompts/prompt";

/** As many as compare mode has (lib/compare/sweep.ts MAX_COLUMNS, a layer above this one). */
export const MAX_RUN_COLUMNS = 6;

export interface ColumnChoice {
  id: string;
  label: string;
  /** What the picker says beside the label (a version's note and date, a column's settings). */
  detail?: string;
  content: PromptContent;
}

export const CURRENT_COLUMN_ID = "current";

export const currentChoice = (content: PromptContent): ColumnChoice => ({ id: CURRENT_COLUMN_ID, label: "Current settings", content });

/** A version's choice id: a blind A/B finds the version it names again. */
export const versionChoiceId = (version: number) => `version-${version}`;

/** The open prompt's versions, newest first (the likeliest to compare with the page). */
export function versionChoices(prompt: Prompt): ColumnChoice[] {
  return [...prompt.versions].reverse().map((version) => ({
    id: versionChoiceId(version.version),
    label: `Version ${version.version}`,
    detail: [version.note, version.createdAt.slice(0, 10)].filter(Boolean).join(", "),
    content: contentOf(version),
  }));
}

/** A short line of what sets compare columns apart. */
const settingsLine = (params: SamplingParams) => `temperature ${params.temperature}, top P ${params.topP}${params.seed !== undefined ? `, seed ${params.seed}` : ""}`;

export function compareChoices(page: PromptContent, columns: readonly { params: SamplingParams }[]): ColumnChoice[] {
  return columns.slice(0, MAX_RUN_COLUMNS).map((column, i) => ({
    id: `compare-${i + 1}`,
    label: `Compare column ${i + 1}`,
    detail: settingsLine(column.params),
    content: { ...page, params: { ...column.params } },
  }));
}

/** The chosen ids in the order the picker lists them, at most MAX_RUN_COLUMNS. */
export function chosenColumns(choices: readonly ColumnChoice[], chosen: ReadonlySet<string>): ColumnChoice[] {
  return choices.filter((c) => chosen.has(c.id)).slice(0, MAX_RUN_COLUMNS);
}
