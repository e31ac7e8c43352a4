/**
 * The Mixtral Instruct prompt format: `<s>[INST] user [/INST] answer</s>[INST] next [/INST]`.
 * Mixtral has no system role, so the system message is folded into the first user turn;
 * consecutive messages of one role are merged so roles alternate as the model expects.
 * Pure and dependency-free: the engine and the token counter share it.
 */
import type { ChatMessage, RequestOptions } from "./request";
import { asTwoRoles, offeredTools, toolInstructions } from "./tool-prompt";

export type PromptSegment = { kind: "bos" } | { kind: "eos" } | { kind: "text"; text: string; role: "user" | "assistant" };

export function mergeConsecutiveRoles(messages: readonly ChatMessage[]): ChatMessage[] {
  const merged: ChatMessage[] = [];
  for (const m of messages) {
    const last = merged.at(-1);
    if (last && last.role === m.role) last.content = `${last.content}\n\n${m.content}`;
    else merged.push({ ...m });
  }
  return merged;
}

/**
 * Segments rather than one string, so control tokens are never parsed out of user text:
 * a user who types "</s>" gets those characters, not an end-of-sequence token.
 * A last assistant turn is a reply to continue: it gets no EOS, so the model writes on from its
 * last character ("Regenerate from here with this token").
 */
export function mixtralPromptSegments(systemMessage: string, messages: readonly ChatMessage[], options?: RequestOptions): PromptSegment[] {
  const turns = mergeConsecutiveRoles(asTwoRoles(messages));
  const segments: PromptSegment[] = [{ kind: "bos" }];
  // Offered functions travel with the system message (see tool-prompt.ts).
  systemMessage = [systemMessage.trim(), toolInstructions(offeredTools(options), options?.toolChoice)].filter(Boolean).join("\n\n");
  let systemFolded = !systemMessage.trim();
  turns.forEach((turn, i) => {
    if (turn.role === "user") {
      const content = systemFolded ? turn.content : `${systemMessage.trim()}\n\n${turn.content}`;
      systemFolded = true;
      segments.push({ kind: "text", text: `[INST] ${content} [/INST]`, role: "user" });
    } else {
      segments.push({ kind: "text", text: turn.content, role: "assistant" });
      if (i < turns.length - 1) segments.push({ kind: "eos" });
    }
  });
  return segments;
}
