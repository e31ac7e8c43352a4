/**
 * Past conversations, in the browser's IndexedDB (through idb): one record per conversation with
 * its whole tree, its searchable text in a record of its own, and an index of every listing in
 * one record, all written in the same transaction as each change, so the History list opens from
 * one small record and a search reads the texts once. A save writes only its own text: with the
 * texts in one record (layout 1), every save read and rewrote all of them (17.7 MB for the
 * bench's 1,000 conversations). Bounded: saving a new conversation beyond MAX_CONVERSATIONS
 * drops the oldest, and the index remembers which, to say so.
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
  /** Each conversation's searchable text (searchTextOf), by its id. */
  texts: { key: string; value: string };
  index: { key: string; value: ConversationListing[] | Record<string, string> | string };
}
type Writing = IDBPTransaction<HistorySchema, ("conversations" | "texts" | "index")[], "readwrite">;

const LAYOUT = 2;
const LISTINGS = "listings";
/** Layout 1's record of every text, moved into the texts store on upgrade. */
const LAYOUT_1_TEXTS = "texts";
const DROPPED = "dropped";

export function createConversationHistory(database = "playground-conversations", { max = MAX_CONVERSATIONS } = {}): ConversationHistory {
  let opened: Promise<IDBPDatabase<HistorySchema>> | undefined;
  const db = () =>
    (opened ??= openDB<HistorySchema>(database, LAYOUT, {
      async upgrade(db, oldVersion, _newVersion, t) {
        if (oldVersion < 1) {
          db.createObjectStore("conversations");
          db.createObjectStore("index");
        }
        const texts = db.createObjectStore("texts");
        if (oldVersion === 1) {
          const index = t.objectStore("index");
          const old = ((await index.get(LAYOUT_1_TEXTS)) ?? {}) as Record<string, string>;
          await Promise.all([...Object.entries(old).map(([id, text]) => texts.put(text, id)), index.delete(LAYOUT_1_TEXTS)]);
        }
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

  /** One read-write transaction over the conversations, their texts and the index, given the listings as a map to change. */
  const write = async <T>(work: (t: Writing, listings: Map<string, ConversationListing>) => Promise<T>): Promise<T> => {
    const t = (await db()).transaction(["conversations", "texts", "index"], "readwrite");
    const index = t.objectStore("index");
    const listings = new Map(((await index.get(LISTINGS)) as ConversationListing[] | undefined)?.map((l) => [l.id, l]) ?? []);
    const result = await work(t, listings);
    await index.put([...listings.values()], LISTINGS);
    await t.done;
    changed();
    return result;
  };

  return {
    listings: async () => ((await read<ConversationListing[]>(LISTINGS)) ?? []).sort(byLastChange),
    async searchTexts() {
      const t = (await db()).transaction("texts");
      const [ids, texts] = await Promise.all([t.store.getAllKeys(), t.store.getAll()]);
      return Object.fromEntries(ids.map((id, i) => [id, texts[i]]));
    },
    get: async (id) => (await db()).get("conversations", id),
    save: (conversation) =>
      write(async (t, listings) => {
        const isNew = !listings.has(conversation.id);
        listings.set(conversation.id, listingOf(conversation, listings.get(conversation.id)));
        await Promise.all([t.objectStore("conversations").put(conversation, conversation.id), t.objectStore("texts").put(searchTextOf(conversation.tree), conversation.id)]);
        if (!isNew || listings.size <= max) return {};
        const oldest = [...listings.values()].sort(byLastChange).at(-1)!;
        listings.delete(oldest.id);
        await Promise.all([t.objectStore("conversations").delete(oldest.id), t.objectStore("texts").delete(oldest.id), t.objectStore("index").put(oldest.title, DROPPED)]);
        return { dropped: oldest.title };
      }),
    rename: (id, title) =>
      write(async (_t, listings) => {
        const listing = listings.get(id);
        if (listing) listings.set(id, { ...listing, title, named: true });
      }),
    remove: (id) =>
      write(async (t, listings) => {
        const [conversation, listing] = [await t.objectStore("conversations").get(id), listings.get(id)];
        listings.delete(id);
        await Promise.all([t.objectStore("conversations").delete(id), t.objectStore("texts").delete(id)]);
        return conversation && listing ? { conversation, listing } : undefined;
      }),
    restore: ({ conversation, listing }) =>
      write(async (t, listings) => {
        listings.set(listing.id, listing);
        await Promise.all([t.objectStore("conversations").put(conversation, conversation.id), t.objectStore("texts").put(searchTextOf(conversation.tree), conversation.id)]);
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
