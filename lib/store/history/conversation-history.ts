/**
 * Past conversations, in the browser's IndexedDB (through idb): one record per conversation with
 * its whole tree, and an index (every listing in one record, every searchable text in another),
 * rewritten in the same transaction as each change, so the History list opens from one small
 * record and a search reads the texts once. Bounded: saving a new conversation beyond
 * MAX_CONVERSATIONS drops the oldest, and the index remembers which, to say so.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from "idb";
import { byLastChange, listingOf, MAX_CONVERSATIONS, searchTextOf, type ConversationListing, type SavedConversation } from "./conversation-listing";

/** A conversation as Delete removed it: what Undo puts back. */
export interface RemovedConversation {
  conversation: SavedConversation;
  listing: ConversationListing;
}

export interface ConversationHistory {
  /** Most recently changed first. */
  listings(): Promise<ConversationListing[]>;
  /** Each conversation's text, lower-cased, by id: read for the first search. */
  searchTexts(): Promise<Record<string, string>>;
  get(id: string): Promise<SavedConversation | undefined>;
  /** Adds or updates the conversation; names the one dropped to stay within the bound, if any. */
  save(conversation: SavedConversation): Promise<{ dropped?: string }>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<RemovedConversation | undefined>;
  restore(removed: RemovedConversation): Promise<void>;
  /** The title of the last conversation dropped for the bound, until `forgetDropped`. */
  dropped(): Promise<string | undefined>;
  forgetDropped(): Promise<void>;
  /** Called after any change, in this tab or another; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

interface HistorySchema extends DBSchema {
  conversations: { key: string; value: SavedConversation };
  index: { key: string; value: ConversationListing[] | Record<string, string> | string };
}
type Writing = IDBPTransaction<HistorySchema, ("conversations" | "index")[], "readwrite">;

const LISTINGS = "listings";
const TEXTS = "texts";
const DROPPED = "dropped";

export function createConversationHistory(database = "playground-conversations", { max = MAX_CONVERSATIONS } = {}): ConversationHistory {
  let opened: Promise<IDBPDatabase<HistorySchema>> | undefined;
  const db = () =>
    (opened ??= openDB<HistorySchema>(database, 1, {
      upgrade(db) {
        db.createObjectStore("conversations");
        db.createObjectStore("index");
      },
    }).catch((error) => {
      opened = undefined;
      throw error;
    }));
  const listeners = new Set<() => void>();
  const channel = typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel(`history:${database}`);
  channel?.addEventListener("message", () => listeners.forEach((l) => l()));
  const changed = () => {
    channel?.postMessage("changed");
    listeners.forEach((l) => l());
  };

  const read = async <T>(key: string): Promise<T | undefined> => (await (await db()).get("index", key)) as T | undefined;

  /** One read-write transaction over the conversations and their index, given the index as maps to change. */
  const write = async <T>(work: (t: Writing, listings: Map<string, ConversationListing>, texts: Record<string, string>) => Promise<T>): Promise<T> => {
    const t = (await db()).transaction(["conversations", "index"], "readwrite");
    const index = t.objectStore("index");
    const listings = new Map(((await index.get(LISTINGS)) as ConversationListing[] | undefined)?.map((l) => [l.id, l]) ?? []);
    const texts = { ...((await index.get(TEXTS)) as Record<string, string> | undefined) };
    const result = await work(t, listings, texts);
    await Promise.all([index.put([...listings.values()], LISTINGS), index.put(texts, TEXTS)]);
    await t.done;
    changed();
    return result;
  };

  return {
    listings: async () => ((await read<ConversationListing[]>(LISTINGS)) ?? []).sort(byLastChange),
    searchTexts: async () => (await read<Record<string, string>>(TEXTS)) ?? {},
    get: async (id) => (await db()).get("conversations", id),
    save: (conversation) =>
      write(async (t, listings, texts) => {
        const isNew = !listings.has(conversation.id);
        listings.set(conversation.id, listingOf(conversation, listings.get(conversation.id)));
        texts[conversation.id] = searchTextOf(conversation.tree);
        await t.objectStore("conversations").put(conversation, conversation.id);
        if (!isNew || listings.size <= max) return {};
        const oldest = [...listings.values()].sort(byLastChange).at(-1)!;
        listings.delete(oldest.id);
        delete texts[oldest.id];
        await Promise.all([t.objectStore("conversations").delete(oldest.id), t.objectStore("index").put(oldest.title, DROPPED)]);
        return { dropped: oldest.title };
      }),
    rename: (id, title) =>
      write(async (_t, listings) => {
        const listing = listings.get(id);
        if (listing) listings.set(id, { ...listing, title, named: true });
      }),
    remove: (id) =>
      write(async (t, listings, texts) => {
        const [conversation, listing] = [await t.objectStore("conversations").get(id), listings.get(id)];
        listings.delete(id);
        delete texts[id];
        await t.objectStore("conversations").delete(id);
        return conversation && listing ? { conversation, listing } : undefined;
      }),
    restore: ({ conversation, listing }) =>
      write(async (t, listings, texts) => {
        listings.set(listing.id, listing);
        texts[listing.id] = searchTextOf(conversation.tree);
        await t.objectStore("conversations").put(conversation, conversation.id);
      }),
    dropped: () => read<string>(DROPPED),
    async forgetDropped() {
      await (await db()).delete("index", DROPPED);
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let pageHistory: ConversationHistory | undefined;
/** The page's history (one handle: it holds only a lazily opened database and a channel). */
export const historyOfPage = (): ConversationHistory => (pageHistory ??= createConversationHistory());
