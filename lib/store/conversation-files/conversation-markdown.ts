/**
 * A conversation as Markdown to read: a title, what it was asked with, then the shown path with
 * a heading per turn. Message text is written verbatim (its code fences and math source stay as
 * they are); what we add around it (tool calls, the system message) goes in fences longer than
 * any backtick run inside, so no text can close them early.
 */
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM } from "../../params";
import type { UiMessage } from "../ui-message";
import type { ConversationSettings } from "./conversation-file";

const HEADINGS: Record<UiMessage["role"], string> = { user: "**You**", assistant: "**Assistant**", tool: "**Function result**" };

/** A fence one backtick longer than the longest run in `text` (at least three). */
export function fenced(text: string, language = ""): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function settingsSummary({ model, systemMessage, params }: ConversationSettings): string {
  const lines = [`- Model: ${model ?? "the server's configured model"}`];
  for (const p of NUMERIC_PARAMS) lines.push(`- ${p.label}: ${params[p.key]}`);
  lines.push(`- ${SEED_PARAM.label}: ${params.seed ?? "random"}`);
  for (const p of ADVANCED_NUMERIC_PARAMS) if (params[p.key] !== undefined) lines.push(`- ${p.label}: ${params[p.key]}`);
  if (params.stop?.length) lines.push(`- ${STOP_PARAM.label}: ${params.stop.map((s) => JSON.stringify(s)).join(", ")}`);
  const system = systemMessage.trim() ? `System message:\n\n${fenced(systemMessage, "text")}` : "System message: none";
  return `## Settings\n\n${lines.join("\n")}\n\n${system}`;
}

function toolCallsBlock(calls: NonNullable<UiMessage["toolCalls"]>): string {
  const shown = calls.map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name, arguments: parsedOrText(c.arguments) }));
  return `Function calls:\n\n${fenced(JSON.stringify(shown, null, 2), "json")}`;
}

const parsedOrText = (json: string): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
};

/** A short note where the reply did not simply finish. */
function endingNote(m: UiMessage): string | undefined {
  if (m.state === "error") return `_Failed: ${m.error?.message ?? "error"}_`;
  if (m.state === "stopped" || m.state === "streaming") return "_Stopped_";
  if (m.finishReason === "length") return "_Cut off at Max Tokens_";
  return undefined;
}

function messageMarkdown(m: UiMessage): string {
  const parts = [m.role === "tool" && m.toolCallId ? `${HEADINGS.tool} (call ${m.toolCallId})` : HEADINGS[m.role]];
  if (m.content) parts.push(m.content);
  if (m.toolCalls?.length) parts.push(toolCallsBlock(m.toolCalls));
  const note = m.role === "assistant" ? endingNote(m) : undefined;
  if (note) parts.push(note);
  return parts.join("\n\n");
}

export function conversationMarkdown(title: string, settings: ConversationSettings, path: readonly UiMessage[], exportedAt = new Date()): string {
  const messages = path.map(messageMarkdown).join("\n\n---\n\n");
  return `# ${title}\n\nExported from the Mixtral playground on ${exportedAt.toISOString()}.\n\n${settingsSummary(settings)}\n\n## Conversation\n\n${messages || "_No messages._"}\n`;
}
