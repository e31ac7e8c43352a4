/**
 * Sample spread: one message run k times at one setting, and how much the answers differ.
 * Answers are normalised (trimmed, runs of whitespace made one space) and grouped: identical ones
 * first, then near-identical groups are joined when their word similarity is at least
 * NEAR_IDENTICAL (0.9). Similarity is the share of words two answers have in common in order:
 * 2 × (words in their longest common subsequence) ÷ (words in both). A word is a run of letters
 * and digits, a punctuation mark, or one character of a script written without spaces (Chinese,
 * Japanese, Thai…). A regex, not Intl.Segmenter as the word diff view uses: the segmenter took
 * about 2 s for 50 such answers here, the regex a few ms.
 *
 * Speed (50 answers of 500 tokens group in a few ms, see docs/evals.md): most pairs are told
 * apart without a diff, by three upper bounds on their similarity (their lengths, the words they
 * share regardless of order, and the neighbouring word pairs they share); a pair that passes all
 * three gets Myers' edit distance, stopped at the number of edits the threshold allows, which is
 * small exactly when the answers are alike.
 */
import { diffArrays } from "diff";
import { parseJsonReply } from "../json/check-reply";
import { characterCount } from "./text-length";

/** Answers at least this similar (by words, in order) count as the same answer. */
export const NEAR_IDENTICAL = 0.9;

export interface SpreadSample {
  text: string;
  completionTokens?: number;
  /** The reply's first token as the stream gave it, when known; the first word is used otherwise. */
  firstToken?: string;
}

export interface SpreadGroup {
  /** The normalised text of the group's most common exact answer. */
  text: string;
  /** Indices of its samples, in order. */
  samples: number[];
  /** Distinct exact answers joined into it (1 when all are identical). */
  variants: number;
}

export interface Spread {
  /** Largest first; ties in order of first appearance. */
  groups: SpreadGroup[];
  samples: number;
  /** Groups after joining near-identical answers. */
  distinct: number;
  /** Distinct answers after normalisation only. */
  exactDistinct: number;
  /** The largest group's share of the samples, 0–1 (0 for no samples). */
  agreement: number;
  exactAgreement: number;
  /** Characters (code points) of the normalised answers. */
  length: Stats;
  /** Completion tokens, when every sample has a count. */
  tokens: Stats | null;
  /** Distinct first tokens (or first words), most common first. */
  firstTokens: { token: string; count: number }[];
  /** Share of samples that are valid JSON (a ```json block that is the whole reply counts), 0–1. */
  jsonValidRate: number;
}

export interface Stats {
  min: number;
  median: number;
  max: number;
}

export const normalizeAnswer = (text: string) => text.trim().replace(/\s+/g, " ");

const UNSPACED = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}";
const WORD = new RegExp(`[${UNSPACED}]|(?:(?![${UNSPACED}])[\\p{L}\\p{M}\\p{N}_])+|\\S`, "gu");

/** Words and punctuation of an answer, without the spaces between them. */
export const answerWords = (text: string): string[] => text.match(WORD) ?? [];

function stats(values: readonly number[]): Stats {
  if (!values.length) return { min: 0, median: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** An answer prepared for comparison: its words as numbers (one per distinct word); its distinct words and its distinct word pairs, sorted, with their counts. */
interface Prepared {
  words: string[];
  ids: Int32Array;
  distinct: Float64Array;
  counts: Int32Array;
  /** Made on first use: most pairs of answers are told apart by their words alone. */
  pairs?: { distinct: Float64Array; counts: Int32Array };
}

function pairsOf(answer: Prepared): { distinct: Float64Array; counts: Int32Array } {
  if (!answer.pairs) {
    const { ids } = answer;
    const codes = new Float64Array(Math.max(0, ids.length - 1));
    for (let i = 0; i + 1 < ids.length; i++) codes[i] = ids[i] * PAIR + ids[i + 1];
    answer.pairs = tally(codes);
  }
  return answer.pairs;
}

/** Sorted distinct values of `values` and how often each occurs. */
function tally(values: Float64Array): { distinct: Float64Array; counts: Int32Array } {
  const sorted = values.slice().sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
    else {
      distinct.push(sorted[i]);
      counts.push(1);
    }
  }
  return { distinct: Float64Array.from(distinct), counts: Int32Array.from(counts) };
}

/** How many values two tallies share, counting repeats (a merge of the two sorted lists). */
function sharedCount(a: Float64Array, aCounts: Int32Array, b: Float64Array, bCounts: Int32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else shared += Math.min(aCounts[i++], bCounts[j++]);
  }
  return shared;
}

/** A word pair as one number: ids stay far below 2^21 (50 answers of 20,000 words), so the code is exact in a double. */
const PAIR = 2 ** 21;

/**
 * The number of words to insert and delete to turn `a` into `b` (Myers' D: |a| + |b| − 2 × their
 * longest common subsequence), or -1 when it is more than `max`. Myers' greedy algorithm over typed
 * arrays, distance only: it costs O((|a| + |b|) × D), and no path is kept. jsdiff's diffArrays
 * gives the same number but builds the edit script as it goes; with it, 45 pairs of 400-word
 * answers holding the same words in another order took ~60 ms, this takes under 5 ms.
 */
export function editDistanceWithin(a: ArrayLike<number>, b: ArrayLike<number>, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return -1;
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x − k) with d edits.
  const v = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return -1;
}

/**
 * Whether two answers are at least `threshold` similar. Two cheap upper bounds first; then the
 * edit distance, allowed only the edits the threshold leaves room for (edits = |a| + |b| − 2·common).
 */
function similarEnough(a: Prepared, b: Prepared, threshold: number): boolean {
  const total = a.ids.length + b.ids.length;
  if (total === 0) return true;
  // The common subsequence must hold at least `needed` / 2 words.
  const needed = threshold * total;
  if (2 * Math.min(a.ids.length, b.ids.length) < needed) return false;
  // Words shared regardless of order bound it from above.
  if (2 * sharedCount(a.distinct, a.counts, b.distinct, b.counts) < needed) return false;
  // So do word pairs: a common subsequence of L words has at least 3L − 1 − |a| − |b| pairs of
  // neighbours that are neighbours in both answers (each word outside it breaks at most one pair).
  // This is what tells apart answers with the same words in another order, without a diff.
  const [pa, pb] = [pairsOf(a), pairsOf(b)];
  if (sharedCount(pa.distinct, pa.counts, pb.distinct, pb.counts) < 1.5 * needed - 1 - total) return false;
  return editDistanceWithin(a.ids, b.ids, Math.floor(total - needed + 1e-9)) >= 0;
}

/** The word similarity of two answers (0–1): 2 × common words in order ÷ all words. For display and tests; grouping uses the bounded check. */
export function answerSimilarity(first: string, second: string): number {
  const a = answerWords(normalizeAnswer(first));
  const b = answerWords(normalizeAnswer(second));
  if (!a.length && !b.length) return 1;
  let common = 0;
  for (const change of diffArrays(a, b)) if (!change.added && !change.removed) common += change.count ?? change.value.length;
  return (2 * common) / (a.length + b.length);
}

export function sampleSpread(samples: readonly SpreadSample[], threshold = NEAR_IDENTICAL): Spread {
  const normalized = samples.map((s) => normalizeAnswer(s.text));

  // Identical answers, in order of first appearance.
  const exact = new Map<string, number[]>();
  normalized.forEach((text, i) => {
    const members = exact.get(text);
    if (members) members.push(i);
    else exact.set(text, [i]);
  });
  const exactGroups = [...exact.entries()].map(([text, members]) => ({ text, members })).sort((a, b) => b.members.length - a.members.length);

  // Near-identical: each exact group joins the first (largest) group whose leading answer is similar enough.
  const vocabulary = new Map<string, number>();
  const prepare = (text: string): Prepared => {
    const words = answerWords(text);
    const ids = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      let id = vocabulary.get(words[i]);
      if (id === undefined) vocabulary.set(words[i], (id = vocabulary.size));
      ids[i] = id;
    }
    const single = tally(Float64Array.from(ids));
    return { words, ids, distinct: single.distinct, counts: single.counts };
  };
  const joined: { leader: Prepared; group: SpreadGroup }[] = [];
  const firstWords = new Map<string, string>();
  for (const { text, members } of exactGroups) {
    const prepared = prepare(text);
    firstWords.set(text, prepared.words[0] ?? "");
    const home = joined.find((g) => similarEnough(g.leader, prepared, threshold));
    if (home) {
      home.group.samples.push(...members);
      home.group.variants++;
    } else {
      joined.push({ leader: prepared, group: { text, samples: [...members], variants: 1 } });
    }
  }
  const groups = joined.map(({ group }) => ({ ...group, samples: group.samples.sort((a, b) => a - b) }));
  groups.sort((a, b) => b.samples.length - a.samples.length || a.samples[0] - b.samples[0]);

  const firstTokens = new Map<string, number>();
  samples.forEach((sample, i) => {
    const token = sample.firstToken ?? firstWords.get(normalized[i]) ?? "";
    firstTokens.set(token, (firstTokens.get(token) ?? 0) + 1);
  });

  const n = samples.length;
  const tokenCounts = samples.map((s) => s.completionTokens);
  return {
    groups,
    samples: n,
    distinct: groups.length,
    exactDistinct: exactGroups.length,
    agreement: n ? groups[0].samples.length / n : 0,
    exactAgreement: n ? exactGroups[0].members.length / n : 0,
    length: stats(normalized.map(characterCount)),
    tokens: n && tokenCounts.every((t) => t !== undefined) ? stats(tokenCounts as number[]) : null,
    firstTokens: [...firstTokens.entries()].map(([token, count]) => ({ token, count })).sort((a, b) => b.count - a.count),
    jsonValidRate: n ? samples.filter((s) => parseJsonReply(s.text).ok).length / n : 0,
  };
}

/** A sweep: the spread at each value of one parameter (temperature 0, 0.5, 1…), for the chart. */
export interface SpreadSweep {
  param: string;
  points: { value: number; spread: Spread }[];
}

export function sweepSpread(param: string, runs: readonly { value: number; samples: readonly SpreadSample[] }[], threshold = NEAR_IDENTICAL): SpreadSweep {
  return { param, points: runs.map((run) => ({ value: run.value, spread: sampleSpread(run.samples, threshold) })) };
}
