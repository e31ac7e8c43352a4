/**
 * The text the model reads for a request: Mixtral's template with the system message and the
 * offered functions' instructions folded into the first user turn, as the segments
 * lib/chat/mixtral-template.ts makes, each with its token count. "engine": counted by the embedded
 * engine's own tokenizer on the very segments it evaluates; "reconstruction": an upstream applies
 * its own template, and this is ours, counted with the Mistral tokenizer.
 */
import type { PromptSegment } from "./mixtral-template";

export interface ModelInputTurn {
  kind: "bos" | "eos" | "user" | "assistant";
  /** As written into the prompt: `<s>`, `</s>`, `[INST] … [/INST]`, or a reply. */
  text: string;
  tokens: number;
}

export interface ModelInput {
  source: "engine" | "reconstruction";
  turns: ModelInputTurn[];
  totalTokens: number;
  /** Where the reply was to stop (besides `</s>`), as the request asked. */
  stop: string[];
}

export const BOS_TEXT = "<s>";
export const EOS_TEXT = "</s>";

/** The turns of `segments`, each text counted by `count` (BOS and EOS are one token each). */
export async function modelInputTurns(segments: readonly PromptSegment[], count: (texts: string[]) => Promise<number[]>): Promise<ModelInputTurn[]> {
  const texts = segments.flatMap((s) => (s.kind === "text" ? [s.text] : []));
  const counts = await count(texts);
  let next = 0;
  return segments.map((segment): ModelInputTurn => {
    if (segment.kind === "bos") return { kind: "bos", text: BOS_TEXT, tokens: 1 };
    if (segment.kind === "eos") return { kind: "eos", text: EOS_TEXT, tokens: 1 };
    return { kind: segment.role, text: segment.text, tokens: counts[next++] };
  });
}

/** The whole input as one string, control tokens written out. */
export const modelInputText = (turns: readonly ModelInputTurn[]): string => turns.map((t) => t.text).join("");
