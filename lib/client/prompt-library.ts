/**
 * The browser's prompt library, in IndexedDB (through idb): one record per prompt with all its
 * versions, and one record with every prompt's listing (lib/prompts/listing.ts), rewritten in the
 * same transaction as any change, so the list opens from that one record and a prompt is read whole
 * only when it is opened. (One record: 1,000 listings read in ~15 ms, as 1,000 records in ~110 ms.) It survives reloads, and every write is one transaction, so two tabs saving the same
 * prompt at once both keep their versions (each appends to what is stored at that moment, never to
 * a copy it read earlier). Other tabs hear of each change on a BroadcastChannel.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from "idb";
import { mergePrompts, type MergeReport } from "../prompts/merge";
import { newPrompt, withNewVersion, type Prompt, type PromptContent } from "../prompts/prompt";
import type { TestSet } from "../prompts/prompt-file-test-set";
import { PROMPT_FILE_CAPS } from "../prompts/caps";
import { byLastSave, listingOf, type PromptListing } from "../prompts/listing";

export interface PromptLibrary {
  /** Every prompt's listing, most recently saved first: what the library's list shows and searches. */
  listings(): Promise<PromptListing[]>;
  /** Every prompt whole, most recently saved first (Export all, moving a library). */
  list(): Promise<Prompt[]>;
  get(id: string): Promise<Prompt | undefined>;
  create(name: string, content: PromptContent, details?: { description?: string; note?: string }): Promise<Prompt>;
  /** Saves `content` as the prompt's next version. */
  addVersion(id: string, content: PromptContent, note?: string): Promise<Prompt>;
  rename(id: string, name: string, description?: string): Promise<Prompt>;
  /** Keeps `testSet` as the prompt's test cases (null removes them): the prompt's, not a version's, so no version is added. */
  setTestSet(id: string, testSet: TestSet | null): Promise<Prompt>;
  /** Points `label` at `version`, or removes it (null). */
  setLabel(id: string, label: string, version: number | null): Promise<Prompt>;
  remove(id: string): Promise<void>;
  /** Merges prompts from a file (lib/prompts/merge.ts): all of it, or nothing. */
  importPrompts(prompts: readonly Prompt[]): Promise<{ ok: true; report: MergeReport } | { ok: false; error: string }>;
  /** Called after any change, in this tab or another; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Gets ready to be read (opens the database), reading nothing yet. */
  warm(): void;
}

export class PromptLibraryError extends Error {}

const CHANNEL = "playground-prompts";

interface LibrarySchema extends DBSchema {
  prompts: { key: string; value: Prompt };
  index: { key: string; value: PromptListing[] };
}
type Database = IDBPDatabase<LibrarySchema>;
type Writing = IDBPTransaction<LibrarySchema, ("prompts" | "index")[], "readwrite">;

/** 1: prompts only (idb-keyval's single store); 2: and the index, every prompt's listing in one record. */
const LAYOUT = 2;
const LISTINGS = "listings";

/** Rewrites the index with the listings of `changed` and without `removed`. */
async function reindex(transaction: Writing, changed: readonly Prompt[], removed: readonly string[] = []): Promise<void> {
  const index = transaction.objectStore("index");
  const listings = new Map(((await index.get(LISTINGS)) ?? []).map((listing) => [listing.id, listing]));
  for (const id of removed) listings.delete(id);
  for (const prompt of changed) listings.set(prompt.id, listingOf(prompt));
  await index.put([...listings.values()], LISTINGS);
}

function openLibrary(name: string, onReplaced: () => void): Promise<Database> {
  return new Promise((resolve, reject) => {
    let refused = false;
    openLayout(name, onReplaced, () => {
      // A tab opened before this layout holds the old one open (idb-keyval never lets go): say so
      // rather than wait. The open goes on and completes once that tab closes; a later read reopens.
      refused = true;
      reject(new PromptLibraryError("Another tab of this playground, opened before an update, is holding the prompt library: reload or close it, then try again."));
    }).then((db) => (refused ? db.close() : resolve(db)), reject);
  });
}

function openLayout(name: string, onReplaced: () => void, onBlocked: () => void): Promise<Database> {
  return openDB<LibrarySchema>(name, LAYOUT, {
    blocked: onBlocked,
    async upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) db.createObjectStore("prompts");
      if (oldVersion < 2) {
        db.createObjectStore("index");
        // A library saved before the index existed gets it here, in the upgrade's own transaction.
        await transaction.objectStore("index").put((await transaction.objectStore("prompts").getAll()).map(listingOf), LISTINGS);
      }
    },
    // A newer page in another tab wants to change the layout: let it, and reopen on next use.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      onReplaced();
    },
  });
}

export function createBrowserPromptLibrary(database = "playground-prompts"): PromptLibrary {
  let opened: Promise<Database> | undefined;
  const db = () => {
    const reopen = () => (opened = undefined);
    return (opened ??= openLibrary(database, reopen).catch((error) => (reopen(), Promise.reject(error))));
  };
  const listeners = new Set<() => void>();
  const channel = typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel(`${CHANNEL}:${database}`);
  channel?.addEventListener("message", () => listeners.forEach((l) => l()));
  const changed = () => {
    channel?.postMessage("changed");
    listeners.forEach((l) => l());
  };

  /** Runs `work` in one read-write transaction over both stores, to its commit. */
  const write = async <T>(work: (transaction: Writing) => Promise<T>): Promise<T> => {
    const transaction = (await db()).transaction(["prompts", "index"], "readwrite");
    try {
      const result = await work(transaction);
      await transaction.done;
      return result;
    } catch (error) {
      // Nothing of a refused change is kept (the transaction may already be finished).
      try {
        transaction.abort();
      } catch {}
      await transaction.done.catch(() => {});
      throw error;
    }
  };
  const put = (transaction: Writing, prompts: readonly Prompt[]) =>
    Promise.all([...prompts.map((prompt) => transaction.objectStore("prompts").put(prompt, prompt.id)), reindex(transaction, prompts)]);

  /** Reads the prompt and writes what `change` makes of it, in one transaction. */
  const updatePrompt = async (id: string, change: (prompt: Prompt) => Prompt): Promise<Prompt> => {
    const updated = await write(async (transaction) => {
      const prompt = await transaction.objectStore("prompts").get(id);
      if (!prompt) throw new PromptLibraryError("This prompt is no longer in the library (deleted in another tab?).");
      const next = change(prompt);
      await put(transaction, [next]);
      return next;
    });
    changed();
    return updated;
  };

  return {
    async listings() {
      return ((await (await db()).get("index", LISTINGS)) ?? []).sort(byLastSave);
    },
    async list() {
      const prompts = await (await db()).getAll("prompts");
      const savedAt = (prompt: Prompt) => prompt.versions.at(-1)?.createdAt ?? "";
      return prompts.sort((a, b) => savedAt(b).localeCompare(savedAt(a)));
    },
    get: async (id) => (await db()).get("prompts", id),
    async create(name, content, details = {}) {
      const prompt = newPrompt(name, content, details);
      await write(async (transaction) => {
        if ((await transaction.objectStore("prompts").count()) >= PROMPT_FILE_CAPS.prompts) {
          throw new PromptLibraryError(`The library holds ${PROMPT_FILE_CAPS.prompts.toLocaleString("en-US")} prompts, its limit: delete one to save another.`);
        }
        await put(transaction, [prompt]);
      });
      changed();
      return prompt;
    },
    addVersion: (id, content, note) =>
      updatePrompt(id, (prompt) => {
        if (prompt.versions.length >= PROMPT_FILE_CAPS.versions) throw new PromptLibraryError(`"${prompt.name}" has ${PROMPT_FILE_CAPS.versions} versions, the limit: save as a new prompt instead.`);
        return withNewVersion(prompt, content, note);
      }),
    rename: (id, name, description) => updatePrompt(id, (prompt) => ({ ...prompt, name, ...(description !== undefined ? { description } : {}) })),
    setTestSet: (id, testSet) =>
      updatePrompt(id, (prompt) => {
        const next = { ...prompt };
        if (testSet) next.testSet = testSet;
        else delete next.testSet;
        return next;
      }),
    setLabel: (id, label, version) =>
      updatePrompt(id, (prompt) => {
        const labels = { ...prompt.labels };
        if (version === null) delete labels[label];
        else labels[label] = version;
        return { ...prompt, labels };
      }),
    async remove(id) {
      await write((transaction) => Promise.all([transaction.objectStore("prompts").delete(id), reindex(transaction, [], [id])]));
      changed();
    },
    async importPrompts(prompts) {
      const result = await write(async (transaction) => {
        const merged = mergePrompts(await transaction.objectStore("prompts").getAll(), prompts);
        if (merged.ok) await put(transaction, merged.prompts);
        return merged;
      });
      if (result.ok) changed();
      return result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // A failure here is met again, and shown, by the first read.
    warm: () => void db().catch(() => {}),
  };
}
