/**
 * A blind A/B's results as Markdown ("Copy results"): the message, both sides (two settings, or two
 * versions of a prompt with their System Messages and turns where they differ), the parameters
 * (those that differ marked), the tally and every round with its seed, which side was shown as A,
 * and the pick. Enough to paste into an issue or a review and to redo the rounds.
 */
import type { DiffPart } from "../diff/word-diff";
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, type SamplingParams } from "../params";
import { abDifferences, differencesSentence } from "./ab-differences";
import { abSideNames, abSideShortName, type AbVersions } from "./ab-sides";
import { pickedSetting, tallyAb, type AbRound } from "./blind-ab";

export interface AbResultsInput {
  message: string;
  /** The System Message both settings sent (side 1's when the sides are versions). */
  systemMessage: string;
  model?: string;
  /** Each side's parameters: Setting 1 and 2, or each version's. */
  settings: [SamplingParams, SamplingParams];
  rounds: readonly AbRound[];
  /** Present when the sides are two saved versions of a prompt. */
  versions?: AbVersions;
}

/** A table cell: no line breaks, pipes escaped. */
const cell = (text: string) => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

const SETTING_NAMES = ["Setting 1", "Setting 2"] as const;

function paramRows([one, two]: [SamplingParams, SamplingParams]): string[] {
  const rows: string[] = [];
  for (const p of [...NUMERIC_PARAMS, ...ADVANCED_NUMERIC_PARAMS]) {
    const a = one[p.key];
    const b = two[p.key];
    if (a === undefined && b === undefined) continue;
    const differs = a !== b;
    const show = (v: number | undefined) => (v === undefined ? "—" : String(v));
    rows.push(`| ${differs ? `**${p.label}**` : p.label} | ${show(a)} | ${show(b)} |`);
  }
  return rows;
}

/** A text as it stood on one side of a word diff. */
const sideText = (parts: readonly DiffPart[], side: "before" | "after") => parts.filter((p) => p.kind !== (side === "before" ? "added" : "removed")).map((p) => p.text).join("");

/** What only versions carry: the prompt, the System Message and model when both share them, and each text that differs. */
function versionLines(versions: AbVersions, names: [string, string], results: AbResultsInput): string[] {
  const [one, two] = versions.sides;
  const texts = abDifferences(results).texts;
  return [
    `Versions of the prompt “${versions.prompt}”: ${names[0]} and ${names[1]}.`,
    "",
    ...(one.systemMessage === two.systemMessage && one.systemMessage ? [`System Message: ${cell(one.systemMessage)}`, ""] : []),
    ...(one.model === two.model ? (one.model ? [`Model: ${one.model}`, ""] : []) : [`Model: ${one.model ?? "the server's"} / ${two.model ?? "the server's"}`, ""]),
    ...(texts.length
      ? [`| text | ${cell(names[0])} | ${cell(names[1])} |`, "| --- | --- | --- |", ...texts.map((t) => `| ${t.field} | ${cell(sideText(t.parts, "before")) || "—"} | ${cell(sideText(t.parts, "after")) || "—"} |`), ""]
      : []),
  ];
}

export function abResultsMarkdown(results: AbResultsInput): string {
  const { message, systemMessage, model, settings, rounds, versions } = results;
  const tally = tallyAb(rounds);
  const names = abSideNames(versions, SETTING_NAMES);
  const quoted = message.split(/\r?\n/).map((line) => `> ${line}`).join("\n");
  const lines = [
    "## Blind A/B results",
    "",
    "Message:",
    "",
    quoted,
    "",
    ...(versions
      ? versionLines(versions, names, results)
      : [...(systemMessage ? [`System Message: ${cell(systemMessage)}`, ""] : []), ...(model ? [`Model: ${model}`, ""] : [])]),
    `| setting | ${cell(names[0])} | ${cell(names[1])} |`,
    "| --- | --- | --- |",
    ...paramRows(settings),
    "",
    differencesSentence(abDifferences(results), versions !== undefined),
    "",
    `**Tally** (${tally.judged} of ${tally.rounds} rounds judged): ${names[0]} won ${tally.wins[0]}, ${names[1]} won ${tally.wins[1]}, ties ${tally.ties}.`,
    "",
    "| round | seed | shown as A | pick | winner |",
    "| --- | --- | --- | --- | --- |",
    ...rounds.map((round) => {
      const winner = pickedSetting(round);
      const pick = round.pick === undefined ? "—" : round.pick === "tie" ? "Tie" : `${round.pick} is better`;
      const won = winner === undefined ? "—" : winner === "tie" ? "tie" : abSideShortName(versions, winner);
      return `| ${round.index + 1} | ${round.seed ?? "—"} | ${abSideShortName(versions, round.aIs)} | ${pick} | ${won} |`;
    }),
    "",
  ];
  return lines.join("\n");
}
