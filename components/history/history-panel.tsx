"use client";
import { useQueryClient } from "@tanstack/react-query";
import { memo, useCallback, useDeferredValue, useId, useMemo, useState } from "react";
import { HISTORY_KEY, useDroppedConversation, useHistoryListings, useHistoryTexts } from "@/lib/hooks/use-conversation-history";
import { historyOfPage, type RemovedConversation } from "@/lib/store/history/conversation-history";
import { MAX_CONVERSATIONS, searchConversations, type ConversationListing } from "@/lib/store/history/conversation-listing";
import { useConversation, useConversationStoreApi } from "../chat/conversation-context";
import { VirtualList, type RowPlace } from "../ui/virtual-list";
import { exportConversation, ImportConversation, ThisConversationFiles, type ExportKind } from "./conversation-files";


let dateFormat: Intl.DateTimeFormat | undefined;
const when = (iso: string) => (dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" })).format(new Date(iso));

type RowAction = { kind: "open" | "rename" | "delete" } | { kind: "draft" | "renamed"; title: string } | { kind: "cancel" } | { kind: "export"; as: ExportKind };

/** Past conversations: search in titles and text, open, rename, delete with undo, export; the open one's files; import. The list draws only the rows near the view. */
export function HistoryPanel({ onDone }: { onDone(): void }) {
  const listings = useHistoryListings();
  const dropped = useDroppedConversation();
  const conversation = useConversationStoreApi();
  const openId = useConversation((s) => s.id);
  const queries = useQueryClient();
  const searchId = useId();
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);
  // The texts are read once a search starts: opening the list reads titles only.
  const texts = useHistoryTexts(query.trim() !== "");
  // The title being typed, kept here: the row is not drawn while scrolled away.
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const [status, setStatus] = useState<{ text: string; undo?: RemovedConversation; error?: boolean } | null>(null);

  const all = listings.data;
  const shown = useMemo(() => (all ? searchConversations(all, texts.data, deferredQuery) : []), [all, texts.data, deferredQuery]);
  const refresh = useCallback(() => void queries.invalidateQueries({ queryKey: HISTORY_KEY }), [queries]);

  const act = useCallback(
    async (listing: ConversationListing, action: RowAction) => {
      const history = historyOfPage();
      try {
        if (action.kind === "open") {
          const saved = await history.get(listing.id);
          if (!saved) return setStatus({ text: `"${listing.title}" is no longer in History (deleted in another tab?).`, error: true });
          conversation.getState().load(saved.tree, saved.id);
          return onDone();
        }
        if (action.kind === "export") {
          const saved = await history.get(listing.id);
          if (!saved) return setStatus({ text: `"${listing.title}" is no longer in History (deleted in another tab?).`, error: true });
          return exportConversation(action.as, saved.tree, listing.title, saved.model);
        }
        if (action.kind === "rename") return setRenaming({ id: listing.id, title: listing.title });
        if (action.kind === "draft") return setRenaming((was) => (was?.id === listing.id ? { id: was.id, title: action.title } : was));
        if (action.kind === "cancel") return setRenaming(null);
        if (action.kind === "renamed") {
          setRenaming(null);
          await history.rename(listing.id, action.title);
          setStatus({ text: `Renamed to "${action.title}".` });
        } else {
          const removed = await history.remove(listing.id);
          // The open conversation deleted: the chat starts a new one (Undo puts it back in History).
          if (conversation.getState().id === listing.id) conversation.getState().clear();
          setStatus({ text: `Deleted "${listing.title}".`, ...(removed ? { undo: removed } : {}) });
        }
        refresh();
      } catch (error) {
        setStatus({ text: (error as Error).message, error: true });
      }
    },
    [conversation, onDone, refresh],
  );
  const renderRow = useCallback(
    (listing: ConversationListing, place: RowPlace) => (
      <HistoryRow listing={listing} {...place} isOpen={listing.id === openId} draft={renaming?.id === listing.id ? renaming.title : null} act={act} />
    ),
    [openId, renaming, act],
  );

  const undo = async (removed: RemovedConversation) => {
    await historyOfPage().restore(removed);
    setStatus({ text: `Restored "${removed.listing.title}".` });
    refresh();
  };

  return (
    <div className="space-y-3">
      <ThisConversationFiles title={all?.find((l) => l.id === openId)?.title} />
      <ImportConversation onImported={onDone} />

      <div className="space-y-1">
        <label htmlFor={searchId} className="block text-sm font-medium">
          Search conversations
        </label>
        <input id={searchId} type="search" className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>

      <div role={status?.error ? "alert" : "status"} className="flex flex-wrap items-center gap-2 text-sm">
        {status?.text}
        {status?.undo ? (
          <button type="button" className="btn-quiet border border-line" onClick={() => void undo(status.undo!)}>
            Undo
          </button>
        ) : null}
      </div>

      {dropped.data ? (
        <p className="flex flex-wrap items-center gap-2 rounded border border-line p-2 text-sm">
          History keeps at most {MAX_CONVERSATIONS.toLocaleString("en-US")} conversations: the oldest, “{dropped.data}”, was removed to make room.
          <button type="button" className="btn-quiet" onClick={() => void historyOfPage().forgetDropped().then(refresh)}>
            Dismiss
          </button>
        </p>
      ) : null}

      <section aria-labelledby={`${searchId}-heading`}>
        <h3 id={`${searchId}-heading`} className="mb-1 text-sm font-semibold">
          Conversations {all ? `(${shown.length}${shown.length !== all.length ? ` of ${all.length}` : ""})` : ""}
        </h3>
        {listings.isPending ? <p className="text-sm text-muted">Loading…</p> : null}
        {listings.error ? <p className="text-sm text-red-700 dark:text-red-300">History could not be read: {(listings.error as Error).message}</p> : null}
        {all && !all.length ? <p className="text-sm text-muted">No conversations yet: they are kept here as you chat.</p> : null}
        <VirtualList items={shown} label="Conversations" renderRow={renderRow} />
      </section>
    </div>
  );
}

/**
 * The rows drawn near the dialog's view, in their own component: a scroll that changes which are
 * drawn renders this, not the panel. A keystroke that changes the list then lays out and paints a
 * screenful, not the hundreds of rows a search matches.
 */
/**
 * One conversation; memoised with a stable `act`, so a keystroke in the search redraws only the
 * rows that come, go or move. It tells assistive technology its place in the whole list (most
 * rows are not drawn).
 */
const HistoryRow = memo(function HistoryRow({
  listing,
  index,
  count,
  isOpen,
  draft,
  act,
  measure,
}: RowPlace & {
  listing: ConversationListing;
  isOpen: boolean;
  /** The title being typed while renaming this row; null when not renaming it. */
  draft: string | null;
  act(listing: ConversationListing, action: RowAction): void;
}) {
  const titleId = useId();
  return (
    <li ref={measure} data-index={index} data-key={listing.id} aria-posinset={index + 1} aria-setsize={count} className="flex flex-wrap items-start justify-between gap-2 py-2">
      {draft !== null ? (
        <form
          className="flex flex-1 flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim()) act(listing, { kind: "renamed", title: draft.trim() });
          }}
        >
          <div className="min-w-48 flex-1 space-y-1">
            <label htmlFor={titleId} className="block text-sm font-medium">
              Title
            </label>
            <input id={titleId} className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={draft} maxLength={200} onChange={(e) => act(listing, { kind: "draft", title: e.target.value })} autoFocus />
          </div>
          <button type="submit" className="btn-quiet border border-line" disabled={!draft.trim()}>
            Save title
          </button>
          <button type="button" className="btn-quiet" onClick={() => act(listing, { kind: "cancel" })}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <div className="min-w-0 flex-1">
            <p className="break-words font-medium">
              {listing.title}
              {isOpen ? <span className="ml-2 text-xs font-normal text-muted">(open now)</span> : null}
            </p>
            <p className="text-xs text-muted">
              {when(listing.updatedAt)} · {listing.model ?? "default model"} · {listing.messageCount} message{listing.messageCount === 1 ? "" : "s"}
            </p>
          </div>
          <div className="flex flex-wrap gap-1" role="group" aria-label={`Actions for ${listing.title}`}>
            <button type="button" className="btn-quiet" onClick={() => act(listing, { kind: "open" })}>
              Open
            </button>
            <button type="button" className="btn-quiet" onClick={() => act(listing, { kind: "rename" })}>
              Rename
            </button>
            <button type="button" className="btn-quiet" onClick={() => act(listing, { kind: "delete" })}>
              Delete
            </button>
            <button type="button" className="btn-quiet" aria-label={`Export JSON of ${listing.title}`} onClick={() => act(listing, { kind: "export", as: "json" })}>
              Export JSON
            </button>
            <button type="button" className="btn-quiet" aria-label={`Export Markdown of ${listing.title}`} onClick={() => act(listing, { kind: "export", as: "markdown" })}>
              Export Markdown
            </button>
          </div>
        </>
      )}
    </li>
  );
});
