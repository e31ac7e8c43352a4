/**
 * Importing prompts into a library, never losing anything on either side: a prompt already there
 * (same id) gains the versions it lacks (a version number it already has is skipped, whatever it
 * holds); a new prompt whose name is taken is added under a suffixed name ("Name (2)"); a label
 * already set is kept, not moved; a test set is added to a prompt without one, never replaced. The result respects the file caps, or nothing is merged.
 */
import type { Prompt } from "./prompt";
import { PROMPT_FILE_CAPS } from "./caps";

export interface MergeReport {
  /** Names of the prompts added (as added: suffixed where the name was taken). */
  added: string[];
  renamed: { from: string; to: string }[];
  /** Versions added to prompts that were already there. */
  versionsAdded: number;
  /** Versions already there (same prompt id and version number). */
  versionsSkipped: number;
  /** Labels in the file that point elsewhere than the library's: the library's are kept. */
  labelsKept: { prompt: string; label: string }[];
}

export type MergeResult = { ok: true; prompts: Prompt[]; report: MergeReport } | { ok: false; error: string };

export function mergePrompts(existing: readonly Prompt[], incoming: readonly Prompt[]): MergeResult {
  const report: MergeReport = { added: [], renamed: [], versionsAdded: 0, versionsSkipped: 0, labelsKept: [] };
  const byId = new Map(existing.map((p) => [p.id, p]));
  const names = new Set(existing.map((p) => p.name));
  const added: Prompt[] = [];
  for (const prompt of incoming) {
    const mine = byId.get(prompt.id);
    if (!mine) {
      const name = freeName(prompt.name, names);
      if (name !== prompt.name) report.renamed.push({ from: prompt.name, to: name });
      names.add(name);
      report.added.push(name);
      const copy = { ...prompt, name };
      byId.set(prompt.id, copy);
      added.push(copy);
      continue;
    }
    const have = new Set(mine.versions.map((v) => v.version));
    const newVersions = prompt.versions.filter((v) => !have.has(v.version));
    report.versionsSkipped += prompt.versions.length - newVersions.length;
    report.versionsAdded += newVersions.length;
    const labels = { ...mine.labels };
    for (const [label, version] of Object.entries(prompt.labels)) {
      if (labels[label] === undefined) labels[label] = version;
      else if (labels[label] !== version) report.labelsKept.push({ prompt: mine.name, label });
    }
    const versions = [...mine.versions, ...newVersions].sort((a, b) => a.version - b.version);
    if (versions.length > PROMPT_FILE_CAPS.versions) return { ok: false, error: `"${mine.name}" would have ${versions.length} versions; a prompt may have at most ${PROMPT_FILE_CAPS.versions}.` };
    // The file's test set comes in only where the library's prompt has none: never overwritten.
    const testSet = mine.testSet ?? prompt.testSet;
    byId.set(mine.id, { ...mine, versions, labels, ...(testSet ? { testSet } : {}) });
  }
  const prompts = [...existing.map((p) => byId.get(p.id)!), ...added];
  if (prompts.length > PROMPT_FILE_CAPS.prompts) return { ok: false, error: `The library would hold ${prompts.length.toLocaleString("en-US")} prompts; it may hold at most ${PROMPT_FILE_CAPS.prompts.toLocaleString("en-US")}.` };
  return { ok: true, prompts, report };
}

/** `name`, or "name (2)", "name (3)"… whichever is free. */
function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
}

/** One line for the person who imported: what came in and what was kept as it was. */
export function describeMerge(report: MergeReport): string {
  const parts: string[] = [];
  if (report.added.length) parts.push(`${report.added.length} prompt${report.added.length === 1 ? "" : "s"} added`);
  if (report.versionsAdded) parts.push(`${report.versionsAdded} new version${report.versionsAdded === 1 ? "" : "s"}`);
  if (report.versionsSkipped) parts.push(`${report.versionsSkipped} version${report.versionsSkipped === 1 ? "" : "s"} already here`);
  if (report.renamed.length) parts.push(`renamed: ${report.renamed.map((r) => `"${r.from}" → "${r.to}"`).join(", ")}`);
  if (report.labelsKept.length) parts.push(`labels kept as they were: ${report.labelsKept.map((l) => `${l.prompt}/${l.label}`).join(", ")}`);
  return parts.length ? `${parts.join("; ")}.` : "Nothing new in this file.";
}
