"use client";
import { useQueryClient } from "@tanstack/react-query";
import { memo, useCallback, useDeferredValue, useId, useMemo, useState } from "react";
import { usePromptLibraryKind } from "@/lib/hooks/prompt-library-kind";
import { PROMPTS_KEY, promptLibraryOf, usePromptLibrary, usePromptListings } from "@/lib/hooks/use-prompt-library";
import type { PromptLibraryKind } from "@/lib/hooks/prompt-library-kind";
import { describeMerge } from "@/lib/prompts/merge";
import { searchListings, type PromptListing } from "@/lib/prompts/listing";
import { latestVersion, type Prompt, type PromptVersion } from "@/lib/prompts/prompt";
import { checkPromptFile } from "@/lib/client/prompt-files-api";
import { PROMPT_FILE_CAPS, PROMPT_FILE_SCHEMA_PATH } from "@/lib/prompts/caps";
import { writePromptFile } from "@/lib/prompts/write-prompt-file";
import { EXAMPLE_PROMPTS } from "@/lib/prompts/examples";
import { openPromptVersion } from "@/lib/store/prompt-content";
import { useConversationStoreApi } from "../chat/conversation-context";
import { downloadText, promptFileName } from "./download";
import { MoveBrowserPrompts } from "./move-browser-prompts";
import { PromptVersions } from "./prompt-versions";
import { FileInput } from "../ui/file-input";
import { VirtualList, type RowPlace } from "../ui/virtual-list";

const schemaUrl = () => `${window.location.origin}${PROMPT_FILE_SCHEMA_PATH}`;

const exportPrompts = (fileName: string, prompts: readonly Prompt[]) => downloadText(fileName, writePromptFile(prompts, schemaUrl()));
// One formatter for every row: making one per call costs ~0.1 ms, a tenth of a second over 1,000 rows.
let dateFormat: Intl.DateTimeFormat | undefined;
const when = (iso: string) => (dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" })).format(new Date(iso));


/** Readies the library before it is first opened (the page calls it when idle). */
export const warmPromptLibrary = (kind: PromptLibraryKind) => promptLibraryOf(kind).warm();

type RowAction = "open" | "versions" | "export" | "delete" | "confirm" | "cancel";

/** The prompt library: search, open, versions, export, delete; import a file; export all; the page's examples. The list draws only the rows near the view. */
export function PromptLibraryPanel({ onDone: onOpened }: { onDone(): void }) {
  const listings = usePromptListings();
  const library = usePromptLibrary();
  const kind = usePromptLibraryKind();
  const conversation = useConversationStoreApi();
  const queries = useQueryClient();
  const searchId = useId();
  const importId = useId();
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);
  const [versionsOf, setVersionsOf] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "done" | "error"; lines: string[] } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const all = listings.data;
  const shown = useMemo(() => (all ? searchListings(all, deferredQuery) : []), [all, deferredQuery]);
  const examples = useMemo(() => EXAMPLE_PROMPTS.filter((p) => !deferredQuery.trim() || p.name.toLowerCase().includes(deferredQuery.trim().toLowerCase())), [deferredQuery]);

  const open = (prompt: Prompt, version: PromptVersion = latestVersion(prompt)) => {
    openPromptVersion(prompt, version, conversation);
    onOpened();
  };
  /** The prompt whole (the list holds listings only), or a message when another tab deleted it. */
  const whole = async (listing: PromptListing): Promise<Prompt | undefined> => {
    try {
      const prompt = await library.get(listing.id);
      if (prompt) return prompt;
      setMessage({ kind: "error", lines: [`"${listing.name}" is no longer in the library (deleted in another tab?).`] });
    } catch (error) {
      setMessage({ kind: "error", lines: [(error as Error).message] });
    }
  };

  // Stable while the library does not change, so a keystroke in the search re-renders no row.
  const act = useCallback(
    (action: RowAction, listing: PromptListing) => {
      if (action === "open") return void whole(listing).then((prompt) => prompt && open(prompt));
      if (action === "versions") return setVersionsOf(listing.id);
      if (action === "export") return void whole(listing).then((prompt) => prompt && exportPrompts(promptFileName(prompt.name), [prompt]));
      if (action === "delete") return setConfirming(listing.id);
      if (action === "cancel") return setConfirming(null);
      void library.remove(listing.id).then(() => {
        setConfirming(null);
        setMessage({ kind: "done", lines: [`Deleted "${listing.name}".`] });
        void queries.invalidateQueries({ queryKey: PROMPTS_KEY });
      });
    },
    // open and the delete read only stable things: the store, the library, the query client, onOpened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [conversation, library, queries, onOpened],
  );
  const renderRow = useCallback(
    (prompt: PromptListing, place: RowPlace) => <PromptRow prompt={prompt} {...place} confirming={confirming === prompt.id} act={act} />,
    [confirming, act],
  );

  if (versionsOf) return <PromptVersions id={versionsOf} onBack={() => setVersionsOf(null)} onOpen={open} />;

  const importFile = async (file: File) => {
    if (file.size > PROMPT_FILE_CAPS.bytes) return setMessage({ kind: "error", lines: [`"${file.name}" is ${(file.size / 1_000_000).toFixed(1)} MB; a prompt file may be at most ${PROMPT_FILE_CAPS.bytes / 1_000_000} MB. Nothing was imported.`] });
    // Checked by the server, all or nothing: the page ships no validation code for files.
    const read = await checkPromptFile(await file.text());
    if (!read.ok) return setMessage({ kind: "error", lines: [`"${file.name}" was not imported; nothing changed:`, ...read.errors] });
    const merged = await library.importPrompts(read.prompts);
    if (!merged.ok) return setMessage({ kind: "error", lines: [`"${file.name}" was not imported; nothing changed: ${merged.error}`] });
    setMessage({ kind: "done", lines: [`Imported "${file.name}": ${describeMerge(merged.report)}`] });
    void queries.invalidateQueries({ queryKey: PROMPTS_KEY });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1 space-y-1">
          <label htmlFor={searchId} className="block text-sm font-medium">
            Search prompts
          </label>
          <input id={searchId} type="search" className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="space-y-1">
          <label htmlFor={importId} className="block text-sm font-medium">
            Import prompt file
          </label>
          <FileInput id={importId} accept=".json,application/json" onFile={(file) => void importFile(file)} />
        </div>
        <button type="button" className="btn-quiet border border-line" disabled={!all?.length} onClick={() => void library.list().then((prompts) => exportPrompts("prompt-library.prompt.json", prompts))}>
          Export all
        </button>
      </div>

      <div role={message?.kind === "error" ? "alert" : "status"} className={message?.kind === "error" ? "text-sm font-medium text-red-700 dark:text-red-300" : "text-sm"}>
        {message?.lines.length === 1 ? message.lines[0] : message ? (
          <>
            <p>{message.lines[0]}</p>
            <ul className="list-disc pl-5">
              {message.lines.slice(1).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>

      {kind === "server" ? <MoveBrowserPrompts /> : null}

      <section aria-labelledby={`${searchId}-saved`}>
        <h3 id={`${searchId}-saved`} className="mb-1 text-sm font-semibold">
          {kind === "server" ? "Your server library" : "Saved prompts"} {all ? `(${shown.length}${shown.length !== all.length ? ` of ${all.length}` : ""})` : ""}
        </h3>
        {listings.isPending ? <p className="text-sm text-muted">Loading…</p> : null}
        {listings.error ? <p className="text-sm text-red-700 dark:text-red-300">The library could not be read: {(listings.error as Error).message}</p> : null}
        {all && !all.length ? <p className="text-sm text-muted">No saved prompts yet. Use “Save prompt” above the chat, or import a file.</p> : null}
        <VirtualList items={shown} label="Saved prompts" renderRow={renderRow} />
      </section>

      <section aria-labelledby={`${searchId}-examples`}>
        <h3 id={`${searchId}-examples`} className="mb-1 text-sm font-semibold">
          Examples (read-only)
        </h3>
        <ul className="divide-y divide-line" aria-label="Example prompts">
          {examples.map((prompt) => (
            <li key={prompt.id} className="flex items-center justify-between gap-2 py-2">
              <p className="min-w-0 break-words text-sm">{prompt.name}</p>
              <button type="button" className="btn-quiet" aria-label={`Open example: ${prompt.name}`} onClick={() => open(prompt)}>
                Open
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/**
 * The saved prompts drawn near the dialog's view (the rest stand as room of their height), in
 * their own component: a scroll that changes which are drawn renders this, not the panel.
 */
/** One saved prompt in the list; memoised, so a search keystroke redraws only the rows that come, go or move. It says its place in the whole list. */
const PromptRow = memo(function PromptRow({
  prompt,
  index,
  count,
  confirming,
  act,
  measure,
}: RowPlace & {
  prompt: PromptListing;
  confirming: boolean;
  act(action: RowAction, prompt: PromptListing): void;
}) {
  const labels = Object.entries(prompt.labels);
  return (
    <li ref={measure} data-index={index} data-key={prompt.id} aria-posinset={index + 1} aria-setsize={count} className="flex flex-wrap items-start justify-between gap-2 py-2">
      <div className="min-w-0 flex-1">
        <p className="break-words font-medium">{prompt.name}</p>
        {prompt.description ? <p className="break-words text-sm text-muted">{prompt.description}</p> : null}
        <p className="text-xs text-muted">
          {prompt.versions} version{prompt.versions === 1 ? "" : "s"} · saved {when(prompt.savedAt)}
          {labels.length ? ` · ${labels.map(([label, v]) => `${label} → v${v}`).join(", ")}` : ""}
        </p>
      </div>
      <div className="flex flex-wrap gap-1" role="group" aria-label={`Actions for ${prompt.name}`}>
        {confirming ? (
          <>
            <button type="button" className="btn-quiet text-red-700 dark:text-red-300" onClick={() => act("confirm", prompt)}>
              Confirm delete
            </button>
            <button type="button" className="btn-quiet" onClick={() => act("cancel", prompt)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn-quiet" onClick={() => act("open", prompt)}>
              Open
            </button>
            <button type="button" className="btn-quiet" onClick={() => act("versions", prompt)}>
              Versions
            </button>
            <button type="button" className="btn-quiet" onClick={() => act("export", prompt)}>
              Export
            </button>
            <button type="button" className="btn-quiet" onClick={() => act("delete", prompt)}>
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
});
