"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { usePromptLibraryKind } from "@/lib/hooks/prompt-library-kind";
import { PROMPTS_KEY, usePromptLibrary } from "@/lib/hooks/use-prompt-library";
import { PROMPT_FILE_CAPS } from "@/lib/prompts/caps";
import { firstUserMessage, shorten } from "@/lib/shares/share-text";
import { currentPromptContent } from "@/lib/store/prompt-content";
import { usePromptSessionStore } from "@/lib/store/prompt-session-store";
import { useConversationStoreApi } from "../chat/conversation-context";

/** Saves the page as a new prompt, or as the next version of the prompt that is open. */
export function SavePromptForm() {
  const conversation = useConversationStoreApi();
  const opened = usePromptSessionStore((s) => s.opened);
  const setOpened = usePromptSessionStore((s) => s.setOpened);
  const queries = useQueryClient();
  const library = usePromptLibrary();
  const kind = usePromptLibraryKind();
  const ids = { name: useId(), description: useId(), note: useId() };
  const [name, setName] = useState(() => opened?.name ?? (shorten(firstUserMessage(conversation.getState().messages) || usePromptSessionStore.getState().draft, 60) || "Untitled prompt"));
  const [description, setDescription] = useState("");
  const [note, setNote] = useState("");
  const [status, setStatus] = useState<{ kind: "saved" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (asNew: boolean) => {
    if (!name.trim()) return setStatus({ kind: "error", text: "Give the prompt a name." });
    setBusy(true);
    try {
      const content = currentPromptContent(conversation.getState().messages);
      const saved = opened && !asNew ? await library.addVersion(opened.id, content, note.trim() || undefined) : await library.create(name.trim(), content, { description: description.trim() || undefined, note: note.trim() || undefined });
      // A new name typed while saving a version renames the prompt too.
      const named = opened && !asNew && name.trim() !== saved.name ? await library.rename(saved.id, name.trim()) : saved;
      const version = named.versions.at(-1)!.version;
      setOpened({ id: named.id, name: named.name, version });
      setStatus({ kind: "saved", text: `Saved "${named.name}", version ${version}.` });
      setNote("");
      void queries.invalidateQueries({ queryKey: PROMPTS_KEY });
    } catch (error) {
      setStatus({ kind: "error", text: `Not saved: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <p className="text-sm text-muted">
        A prompt keeps the System Message, the conversation (your draft as its last turn), every parameter with the seed and stop sequences, functions, response format, model and variables. Each save is a new version; nothing is overwritten. {kind === "server" ? "Prompts are kept on the server, for your access key." : "Prompts stay in this browser."}
      </p>
      {opened ? (
        <p className="text-sm">
          Open: <strong>{opened.name}</strong>, version {opened.version}. Saving adds version {opened.version + 1}, or save it as a new prompt.
        </p>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={ids.name} className="block text-sm font-medium">
          Name
        </label>
        <input id={ids.name} required maxLength={PROMPT_FILE_CAPS.name} className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      {!opened ? (
        <div className="space-y-1">
          <label htmlFor={ids.description} className="block text-sm font-medium">
            Description (optional)
          </label>
          <input id={ids.description} maxLength={PROMPT_FILE_CAPS.description} className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={ids.note} className="block text-sm font-medium">
          Version note
        </label>
        <input id={ids.note} maxLength={PROMPT_FILE_CAPS.note} placeholder="What changed, e.g. lower temperature" className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={busy}>
          {opened ? "Save version" : "Save"}
        </button>
        {opened ? (
          <button type="button" className="btn-quiet border border-line" disabled={busy} onClick={() => void save(true)}>
            Save as new
          </button>
        ) : null}
      </div>
      <p role="status" className={`text-sm ${status?.kind === "error" ? "font-medium text-red-700 dark:text-red-300" : ""}`}>
        {status?.text}
      </p>
    </form>
  );
}
