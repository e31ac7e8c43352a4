/**
 * A blind A/B's results as Markdown ("Copy results"): the message, both settings (the parameters
 * that differ marked), the tally and every round with its seed, which setting was shown as A,
 * and the pick. Enough to paste into an issue or a review and to redo the rounds.
 */
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, type SamplingParams } from "../params";
import { pickedSetting, tallyAb, type AbRound } from "./blind-ab";

export interface AbResultsInput {
  message: string;
  systemMessage: string;
  model?: string;
  settings: [SamplingParams, SamplingParams];
  rounds: readonly AbRound[];
}

/** A table cell: no line breaks, pipes escaped. */
const cell = (text: string) => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

const settingName = (i: number) => `Setting ${i + 1}`;

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

export function abResultsMarkdown({ message, systemMessage, model, settings, rounds }: AbResultsInput): string {
  const tally = tallyAb(rounds);
  const quoted = message.split(/\r?\n/).map((line) => `> ${line}`).join("\n");
  const lines = [
    "## Blind A/B results",
    "",
    "Message:",
    "",
    quoted,
    "",
    ...(systemMessage ? [`System Message: ${cell(systemMessage)}`, ""] : []),
    ...(model ? [`Model: ${model}`, ""] : []),
    "| setting | Setting 1 | Setting 2 |",
    "| --- | --- | --- |",
    ...paramRows(settings),
    "",
    `**Tally** (${tally.judged} of ${tally.rounds} rounds judged): Setting 1 won ${tally.wins[0]}, Setting 2 won ${tally.wins[1]}, ties ${tally.ties}.`,
    "",
    "| round | seed | shown as A | pick | winner |",
    "| --- | --- | --- | --- | --- |",
    ...rounds.map((round) => {
      const winner = pickedSetting(round);
      const pick = round.pick === undefined ? "—" : round.pick === "tie" ? "Tie" : `${round.pick} is better`;
      const won = winner === undefined ? "—" : winner === "tie" ? "tie" : settingName(winner);
      return `| ${round.index + 1} | ${round.seed ?? "—"} | ${settingName(round.aIs)} | ${pick} | ${won} |`;
    }),
    "",
  ];
  return lines.join("\n");
}
