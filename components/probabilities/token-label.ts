/** How a token is named on screen and to assistive technology: its text made visible, and its odds. */
import { bandOf, formatProbability, PROBABILITY_BANDS } from "@/lib/store/token-spans";

/** Spaces and line breaks at a token's edges decide what it is (" cat" vs "cat"): show them. */
export function visibleToken(text: string): string {
  if (text === "") return "(part of a character)";
  return `“${text.replace(/\n/g, "↵").replace(/\t/g, "⇥")}”`;
}

export function tokenLabel(text: string, probability: number, picked = false): string {
  const band = PROBABILITY_BANDS[bandOf(probability)].label;
  return `${visibleToken(text)} ${formatProbability(probability)}, ${band}${picked ? ", your choice" : ""}`;
}
