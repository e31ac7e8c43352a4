/**
 * The portable conversation file (`*.conversation.json`, docs/playground.md#files-in-and-out):
 * the whole tree with every version, the settings, and each reply's own settings, usage, metrics
 * and tool calls. Its JSON Schema is docs/conversation-file.schema.json (./conversation-file-schema.ts).
 * Writing is here and small, as History's Export needs it; reading (validation with zod/mini) is in
 * ./read-conversation-file.ts, loaded only when a file is imported.
 */
import type { SamplingParams } from "../../params";
import type { ConversationTree } from "../../tree/conversation-tree";
import type { UiMessage } from "../ui-message";

export const CONVERSATION_FILE_FORMAT = "mixtral-playground.conversation";
export const CONVERSATION_FILE_VERSION = 1;
/** Where the file's JSON Schema is served (app/schemas/conversation-file.schema.json). */
export const CONVERSATION_FILE_SCHEMA_PATH = "/schemas/conversation-file.schema.json";

/** A file is read whole into memory and then into IndexedDB: bounded, with the limit in the message. */
export const CONVERSATION_FILE_CAPS = { bytes: 5_000_000, messages: 5_000, titleLength: 200 } as const;

/** A message as the file keeps it: its id is its key in `tree.nodes`. */
export type FileMessage = Omit<UiMessage, "id" | "error"> & { error?: { code: NonNullable<UiMessage["error"]>["code"]; message: string } };

export interface FileNode {
  parent: string | null;
  children: string[];
  active?: string;
  message: FileMessage;
}

export interface ConversationFile {
  $schema?: string;
  format: typeof CONVERSATION_FILE_FORMAT;
  version: typeof CONVERSATION_FILE_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  title: string;
  model?: string;
  systemMessage: string;
  params: SamplingParams;
  tree: { roots: string[]; activeRoot?: string; nodes: Record<string, FileNode> };
}

/** What the conversation was last asked with: the settings of the last reply on the shown path that kept them, else the panel's. */
export interface ConversationSettings {
  systemMessage: string;
  params: SamplingParams;
  model?: string;
}

export function settingsOf(path: readonly UiMessage[], panel: ConversationSettings): ConversationSettings {
  const generation = path.findLast((m) => m.generation)?.generation;
  if (!generation) return panel;
  const model = generation.model ?? panel.model;
  return { systemMessage: generation.systemMessage, params: generation.params, ...(model ? { model } : {}) };
}

/** A reply still streaming is written as stopped (the file is a snapshot); `retryAfter` is meaningless later. */
export function toFileMessage(message: UiMessage): FileMessage {
  const kept: Partial<UiMessage> = { ...message };
  delete kept.id;
  delete kept.error;
  const error = message.error;
  return {
    ...(kept as Omit<UiMessage, "id" | "error">),
    ...(kept.state === "streaming" ? { state: "stopped" as const } : {}),
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  };
}

export function writeConversationFile(
  tree: ConversationTree<UiMessage>,
  settings: ConversationSettings & { title: string },
  exportedAt = new Date(),
  schemaUrl?: string,
): ConversationFile {
  const nodes: Record<string, FileNode> = {};
  for (const [id, node] of Object.entries(tree.nodes)) {
    nodes[id] = { parent: node.parent, children: [...node.children], ...(node.active !== undefined ? { active: node.active } : {}), message: toFileMessage(node.message) };
  }
  return {
    ...(schemaUrl ? { $schema: schemaUrl } : {}),
    format: CONVERSATION_FILE_FORMAT,
    version: CONVERSATION_FILE_VERSION,
    exportedAt: exportedAt.toISOString(),
    title: settings.title.slice(0, CONVERSATION_FILE_CAPS.titleLength),
    ...(settings.model ? { model: settings.model } : {}),
    systemMessage: settings.systemMessage,
    params: settings.params,
    tree: { roots: [...tree.roots], ...(tree.activeRoot !== undefined ? { activeRoot: tree.activeRoot } : {}), nodes },
  };
}

export const conversationFileText = (file: ConversationFile): string => `${JSON.stringify(file, null, 2)}\n`;

/** "Tides and the moon" → "tides-and-the-moon.conversation.json" (or `.md`). */
export function conversationFileName(title: string, extension: "conversation.json" | "md"): string {
  const slug = title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `${slug || "conversation"}.${extension}`;
}
