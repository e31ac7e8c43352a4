"use client";
/**
 * Files in and out of History: export a conversation as JSON or Markdown, copy its messages, and
 * import a file as a new conversation. Reached only from the History panel (itself lazy), so none
 * of it is in the page's first load; the reader, with its zod/mini checks, loads when a file is
 * picked.
 */
import { useId, useMemo, useState } from "react";
import { pathOf } from "@/lib/tree/conversation-tree";
import type { MessageTree } from "@/lib/store/conversation-store";
import { CONVERSATION_FILE_SCHEMA_PATH, conversationFileName, conversationFileText, settingsOf, writeConversationFile } from "@/lib/store/conversation-files/conversation-file";
import { conversationMarkdown } from "@/lib/store/conversation-files/conversation-markdown";
import { openAiMessagesText } from "@/lib/store/conversation-files/openai-messages";
import { historyOfPage } from "@/lib/store/history/conversation-history";
import { titleOf } from "@/lib/store/history/conversation-listing";
import { useParamsStore } from "@/lib/store/params-store";
import { CopyButton } from "../ui/copy-button";
import { FileInput } from "../ui/file-input";
import { downloadText } from "../prompts/download";
import { useConversation, useConversationStoreApi } from "../chat/conversation-context";

export type ExportKind = "json" | "markdown";

/** The settings panel's, for a conversation whose replies kept none (settingsOf prefers the replies'). */
function panelSettings(model?: string) {
  const { systemMessage, params, model: panelModel } = useParamsStore.getState();
  const chosen = model ?? panelModel;
  return { systemMessage, params, ...(chosen ? { model: chosen } : {}) };
}

/** Downloads the conversation as a `.conversation.json` or a `.md` file. */
export function exportConversation(kind: ExportKind, tree: MessageTree, title: string, model?: string): void {
  const path = pathOf(tree);
  const settings = settingsOf(path, panelSettings(model));
  if (kind === "json") downloadText(conversationFileName(title, "conversation.json"), conversationFileText(writeConversationFile(tree, { ...settings, title }, new Date(), `${window.location.origin}${CONVERSATION_FILE_SCHEMA_PATH}`)));
  else downloadText(conversationFileName(title, "md"), conversationMarkdown(title, settings, path), "text/markdown");
}

/** "This conversation": the open conversation's exports and its messages to copy. */
export function ThisConversationFiles({ title }: { title?: string }) {
  const headingId = useId();
  const conversation = useConversationStoreApi();
  const messages = useConversation((s) => s.messages);
  const panelSystemMessage = useParamsStore((s) => s.systemMessage);
  // The system message the conversation was last asked with, as the exports say (settingsOf).
  const copied = useMemo(() => openAiMessagesText(settingsOf(messages, { systemMessage: panelSystemMessage, params: useParamsStore.getState().params }).systemMessage, messages), [messages, panelSystemMessage]);
  const empty = messages.length === 0;
  const save = (kind: ExportKind) => {
    const { tree } = conversation.getState();
    exportConversation(kind, tree, title ?? titleOf(tree));
  };
  return (
    <section aria-labelledby={headingId} className="space-y-1">
      <h3 id={headingId} className="text-sm font-semibold">
        This conversation
      </h3>
      {empty ? <p className="text-sm text-muted">Nothing to export yet: the open conversation has no messages.</p> : null}
      <div className="flex flex-wrap gap-1">
        <button type="button" className="btn-quiet border border-line" disabled={empty} onClick={() => save("json")}>
          Export JSON
        </button>
        <button type="button" className="btn-quiet border border-line" disabled={empty} onClick={() => save("markdown")}>
          Export Markdown
        </button>
        {empty ? null : <CopyButton text={copied} label="Copy as messages" className="border border-line" />}
      </div>
    </section>
  );
}

/** A file picked for import: a conversation export or an OpenAI messages array, opened as a new conversation. */
export function ImportConversation({ onImported }: { onImported(): void }) {
  const inputId = useId();
  const conversation = useConversationStoreApi();
  const [failure, setFailure] = useState<{ file: string; errors: string[] } | null>(null);

  const importFile = async (file: File) => {
    setFailure(null);
    const { readConversationFile, tooLarge } = await import("@/lib/store/conversation-files/read-conversation-file");
    // The size is checked before the text is read: a huge file is never loaded.
    const size = tooLarge(file.size);
    const read = size ? { ok: false as const, errors: [size] } : readConversationFile(await file.text());
    if (!read.ok) return setFailure({ file: file.name, errors: read.errors });

    const { tree, title, systemMessage, params } = read.conversation;
    if (systemMessage !== undefined || params) {
      const panel = useParamsStore.getState();
      panel.load(systemMessage ?? panel.systemMessage, params ?? panel.params);
    }
    conversation.getState().load(tree);
    // A title given in the file (e.g. renamed before export) is kept: saved now, named, so autosave keeps it.
    if (title && title !== titleOf(tree)) {
      const { id } = conversation.getState();
      const model = useParamsStore.getState().model;
      const history = historyOfPage();
      await history.save({ id, tree, ...(model ? { model } : {}), updatedAt: new Date().toISOString() });
      await history.rename(id, title);
    }
    onImported();
  };

  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium">
        Import conversation file
      </label>
      <FileInput id={inputId} accept=".json,application/json" onFile={(file) => void importFile(file).catch((error: Error) => setFailure({ file: file.name, errors: [error.message] }))} />
      <div role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
        {failure ? (
          <>
            <p>“{failure.file}” was not imported; nothing changed:</p>
            <ul className="list-disc pl-5">
              {failure.errors.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
