/**
 * What sets a blind A/B's two sides apart, for the reveal, the Markdown and the share page: the
 * prompt library's version diff (texts word by word; parameters, functions, format, model) over
 * what each side sent. The seed is left out: every round gives both sides the same one.
 */
import { SEED_PARAM, type SamplingParams } from "../params";
import type { PromptContent } from "../prompts/prompt";
import { diffVersions, type VersionDiff } from "../prompts/version-diff";
import type { AbVersions } from "./ab-sides";

export interface AbSidesOf {
  /** Each side's parameters (Setting 1 and 2, or each version's). */
  settings: readonly [SamplingParams, SamplingParams];
  /** Present when the sides are saved prompt versions. */
  versions?: AbVersions;
}

/** A side as the version diff reads it. Settings share everything but their parameters. */
function sideContent({ settings, versions }: AbSidesOf, index: 0 | 1): PromptContent {
  const side = versions?.sides[index];
  if (!side) return { systemMessage: "", messages: [], params: settings[index], variables: [] };
  return { systemMessage: side.systemMessage, messages: side.turns, params: settings[index], ...(side.options ? { options: side.options } : {}), ...(side.model ? { model: side.model } : {}), variables: [] };
}

export function abDifferences(sides: AbSidesOf): VersionDiff {
  const diff = diffVersions(sideContent(sides, 0), sideContent(sides, 1));
  return { texts: diff.texts, settings: diff.settings.filter((s) => s.field !== SEED_PARAM.label) };
}

/** Values longer than this are named in the sentence, not quoted (a function's JSON, a schema). */
const QUOTED = 40;

/** "The settings differ in Temperature (0.2 vs 1.5)." / "The versions differ in System Message, Top P (0.9 vs 1)." */
export function differencesSentence(diff: VersionDiff, versions: boolean): string {
  const fields = [
    ...diff.texts.map((t) => t.field),
    ...diff.settings.map((s) => (s.before.length + s.after.length <= QUOTED ? `${s.field} (${s.before} vs ${s.after})` : s.field)),
  ];
  if (!fields.length) return versions ? "The two versions send the same request: any preference is chance." : "The two settings are the same: any preference is chance.";
  return `The ${versions ? "versions" : "settings"} differ in ${fields.join(", ")}.`;
}
