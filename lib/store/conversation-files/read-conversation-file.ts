/**
 * Reads a file picked for import: a conversation export or an OpenAI `messages` array.
 * All-or-nothing: any fault rejects the whole file with errors naming the path, and caps say
 * their limit. Loaded only when a file is picked (History's import), so zod/mini stays out of
 * the page's first load. The messages' text is kept as text: the chat renders it as markdown,
 * which never runs HTML.
 */
import type { SamplingParams } from "../../params";
import type { ConversationTree } from "../../tree/conversation-tree";
import type { UiMessage } from "../ui-message";
import { CONVERSATION_FILE_CAPS, CONVERSATION_FILE_FORMAT, type ConversationFile, type FileMessage } from "./conversation-file";
import { ConversationFileSchema } from "./conversation-file-schema";
import { issueLines, listed, pathText } from "./issue-paths";
import { readOpenAiMessages } from "./read-openai-messages";
import { treeStructureIssues } from "../../tree/tree-structure";

export interface ImportedConversation {
  tree: ConversationTree<UiMessage>;
  title?: string;
  /** Absent for a messages array without a system message: the panel keeps its own. */
  systemMessage?: string;
  params?: SamplingParams;
  model?: string;
}

export type ReadResult = { ok: true; conversation: ImportedConversation } | { ok: false; errors: string[] };

const MB = CONVERSATION_FILE_CAPS.bytes / 1_000_000;
const fail = (...errors: string[]): ReadResult => ({ ok: false, errors: listed(errors) });

/** The file's size in bytes, checked before its text is read (a picked file knows it). */
export const tooLarge = (bytes: number): string | undefined =>
  bytes > CONVERSATION_FILE_CAPS.bytes ? `the file is ${(bytes / 1_000_000).toFixed(1)} MB: at most ${MB} MB can be imported` : undefined;

const tooManyMessages = (what: string, count: number): string | undefined =>
  count > CONVERSATION_FILE_CAPS.messages
    ? `${what}: ${count.toLocaleString("en-US")} messages, at most ${CONVERSATION_FILE_CAPS.messages.toLocaleString("en-US")} can be imported`
    : undefined;

export function readConversationFile(text: string, newId: () => string = () => crypto.randomUUID()): ReadResult {
  const size = tooLarge(new TextEncoder().encode(text).length);
  if (size) return fail(size);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`the file is not JSON: ${(error as Error).message}`);
  }

  if (Array.isArray(data)) {
    const many = tooManyMessages("messages", data.length);
    if (many) return fail(many);
    const read = readOpenAiMessages(data, newId);
    if ("errors" in read) return fail(...read.errors);
    return { ok: true, conversation: { tree: read.tree, ...(read.systemMessage !== undefined ? { systemMessage: read.systemMessage } : {}) } };
  }

  if (typeof data !== "object" || data === null || (data as { format?: unknown }).format === undefined) {
    return fail(`the file must be a conversation export (format "${CONVERSATION_FILE_FORMAT}") or an OpenAI messages array`);
  }
  // Counted before the shape is checked: a huge file should get the cap, not thousands of errors.
  const nodes = (data as { tree?: { nodes?: unknown } }).tree?.nodes;
  const many = typeof nodes === "object" && nodes !== null ? tooManyMessages("tree.nodes", Object.keys(nodes).length) : undefined;
  if (many) return fail(many);

  const parsed = ConversationFileSchema.safeParse(data);
  if (!parsed.success) return fail(...issueLines(parsed.error.issues));
  const file = parsed.data as ConversationFile;
  const structure = treeStructureIssues(file.tree).map((issue) => `${pathText(["tree", ...issue.path])}: ${issue.message}`);
  if (structure.length) return fail(...structure);

  return {
    ok: true,
    conversation: {
      tree: toTree(file.tree),
      title: file.title,
      systemMessage: file.systemMessage,
      params: file.params,
      ...(file.model ? { model: file.model } : {}),
    },
  };
}

/** The file's tree as the store keeps it: each message gets its key as id, a reply without a state is done. */
function toTree(tree: ConversationFile["tree"]): ConversationTree<UiMessage> {
  const nodes: ConversationTree<UiMessage>["nodes"] = {};
  for (const [id, node] of Object.entries(tree.nodes)) {
    nodes[id] = { parent: node.parent, children: node.children, ...(node.active !== undefined ? { active: node.active } : {}), message: toUiMessage(id, node.message) };
  }
  return { nodes, roots: tree.roots, ...(tree.activeRoot !== undefined ? { activeRoot: tree.activeRoot } : {}) };
}

const toUiMessage = (id: string, message: FileMessage): UiMessage => ({
  id,
  ...message,
  ...(message.role === "assistant" && !message.state ? { state: message.error ? "error" : "done" } : {}),
});
