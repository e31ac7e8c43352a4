/**
 * How a reproduced reply compares with the shared one: identical, or where it first departs (word
 * N, counting every word and punctuation mark, as the word diff cuts the text), with the word
 * diff of both. The share page loads this module only when a reproduction ends, so jsdiff is not
 * part of the page's first JavaScript.
 */
import { segmentWords, wordDiff, type DiffPart } from "./word-diff";

export type Divergence =
  | { identical: true }
  | {
      identical: false;
      /** 1-based: the first word (or punctuation mark) that differs, counted in the shared reply. */
      word: number;
      /** The differing words as each text has them; null where that text has already ended. */
      shared: string | null;
      reproduced: string | null;
      /** The texts have the same words and differ only in their spaces and line breaks. */
      spacingOnly: boolean;
    };

export interface CompareOptions {
  /** The shared reply was stopped part way: a reproduction that goes on past its end still matches. */
  sharedStopped?: boolean;
  /** The reproduction was stopped part way: only as much as it wrote is compared. */
  reproductionStopped?: boolean;
}

const isSpace = (segment: string) => segment.trim() === "";
const words = (text: string) => text.split(/\s+/).filter(Boolean).join(" ");

/** The first word at or after segment `k`, or null at the text's end. */
const wordFrom = (segments: readonly string[], k: number) => segments.slice(k).find((s) => !isSpace(s)) ?? null;

export function firstDivergence(shared: string, reproduced: string, options: CompareOptions = {}): Divergence {
  if (shared === reproduced) return { identical: true };
  // A stopped text may end inside a word (a token is often part of one): compared as text, not as words.
  if (options.sharedStopped && reproduced.startsWith(shared)) return { identical: true };
  if (options.reproductionStopped && shared.startsWith(reproduced)) return { identical: true };
  const a = segmentWords(shared);
  const b = segmentWords(reproduced);
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  const word = a.slice(0, k).filter((s) => !isSpace(s)).length + 1;
  return { identical: false, word, shared: wordFrom(a, k), reproduced: wordFrom(b, k), spacingOnly: words(shared) === words(reproduced) };
}

/** The divergence, and the word diff to show with it (none when identical). */
export function compareReproduction(shared: string, reproduced: string, options: CompareOptions = {}): { divergence: Divergence; parts: DiffPart[] } {
  const divergence = firstDivergence(shared, reproduced, options);
  if (divergence.identical) return { divergence, parts: [] };
  // A stopped reproduction is set against as much of the share as it had reached, not the share's untouched rest.
  const reached = options.reproductionStopped ? segmentWords(shared).slice(0, segmentWords(reproduced).length).join("") : shared;
  return { divergence, parts: wordDiff(reached, reproduced) };
}
