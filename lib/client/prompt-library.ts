/**
 * The browser's prompt library, in IndexedDB (idb-keyval over one object store, a prompt per
 * record): it survives reloads, and every write is one transaction, so two tabs saving the same
 * prompt at once both keep their versions (each appends to what is stored at that moment, never to
 * a copy it read earlier). Other tabs hear of each change on a BroadcastChannel.
 */
import { createStore, promisifyRequest, type UseStore } from "idb-keyval";
import { mergePrompts, type MergeReport, type MergeResult } from "../prompts/merge";
import { newPrompt, withNewVersion, type Prompt, type PromptContent } from "../prompts/prompt";
import { PROMPT_FILE_CAPS } from "../prompts/caps";

export interface PromptLibrary {
  /** Every prompt, most recently saved first. */
  list(): Promise<Prompt[]>;
  get(id: string): Promise<Prompt | undefined>;
  create(name: string, content: PromptContent, details?: { description?: string; note?: string }): Promise<Prompt>;
  /** Saves `content` as the prompt's next version. */
  addVersion(id: string, content: PromptContent, note?: string): Promise<Prompt>;
  rename(id: string, name: string, description?: string): Promise<Prompt>;
  /** Points `label` at `version`, or removes it (null). */
  setLabel(id: string, label: string, version: number | null): Promise<Prompt>;
  remove(id: string): Promise<void>;
  /** Merges prompts from a file (lib/prompts/merge.ts): all of it, or nothing. */
  importPrompts(prompts: readonly Prompt[]): Promise<{ ok: true; report: MergeReport } | { ok: false; error: string }>;
  /** Called after any change, in this tab or another; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export class PromptLibraryError extends Error {}

const CHANNEL = "playground-prompts";

export function createBrowserPromptLibrary(database = "playground-prompts"): PromptLibrary {
  let store: UseStore | undefined;
  const db = () => (store ??= createStore(database, "prompts"));
  const listeners = new Set<() => void>();
  const channel = typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel(`${CHANNEL}:${database}`);
  channel?.addEventListener("message", () => listeners.forEach((l) => l()));
  const changed = () => {
    channel?.postMessage("changed");
    listeners.forEach((l) => l());
  };

  /** Reads the prompt and writes what `change` makes of it, in one transaction. */
  const updatePrompt = async (id: string, change: (prompt: Prompt) => Prompt): Promise<Prompt> => {
    const updated = await db()("readwrite", (objects) =>
      new Promise<Prompt>((resolve, reject) => {
        const read = objects.get(id);
        read.onsuccess = () => {
          const prompt = read.result as Prompt | undefined;
          if (!prompt) return reject(new PromptLibraryError("This prompt is no longer in the library (deleted in another tab?)."));
          let next: Prompt;
          try {
            next = change(prompt);
          } catch (error) {
            return reject(error);
          }
          objects.put(next, id);
          promisifyRequest(objects.transaction).then(() => resolve(next), reject);
        };
        read.onerror = () => reject(read.error);
      }),
    );
    changed();
    return updated;
  };

  const all = (): Promise<Prompt[]> => db()("readonly", (objects) => promisifyRequest(objects.getAll() as IDBRequest<Prompt[]>));

  return {
    async list() {
      const prompts = await all();
      return prompts.sort((a, b) => (b.versions.at(-1)?.createdAt ?? "").localeCompare(a.versions.at(-1)?.createdAt ?? ""));
    },
    get: (id) => db()("readonly", (objects) => promisifyRequest(objects.get(id) as IDBRequest<Prompt | undefined>)),
    async create(name, content, details = {}) {
      const prompt = newPrompt(name, content, details);
      await db()("readwrite", (objects) =>
        new Promise<void>((resolve, reject) => {
          const count = objects.count();
          count.onsuccess = () => {
            if (count.result >= PROMPT_FILE_CAPS.prompts) return reject(new PromptLibraryError(`The library holds ${PROMPT_FILE_CAPS.prompts.toLocaleString("en-US")} prompts, its limit: delete one to save another.`));
            objects.put(prompt, prompt.id);
            promisifyRequest(objects.transaction).then(() => resolve(), reject);
          };
          count.onerror = () => reject(count.error);
        }),
      );
      changed();
      return prompt;
    },
    addVersion: (id, content, note) =>
      updatePrompt(id, (prompt) => {
        if (prompt.versions.length >= PROMPT_FILE_CAPS.versions) throw new PromptLibraryError(`"${prompt.name}" has ${PROMPT_FILE_CAPS.versions} versions, the limit: save as a new prompt instead.`);
        return withNewVersion(prompt, content, note);
      }),
    rename: (id, name, description) => updatePrompt(id, (prompt) => ({ ...prompt, name, ...(description !== undefined ? { description } : {}) })),
    setLabel: (id, label, version) =>
      updatePrompt(id, (prompt) => {
        const labels = { ...prompt.labels };
        if (version === null) delete labels[label];
        else labels[label] = version;
        return { ...prompt, labels };
      }),
    async remove(id) {
      await db()("readwrite", (objects) => {
        objects.delete(id);
        return promisifyRequest(objects.transaction);
      });
      changed();
    },
    async importPrompts(prompts) {
      const result = await db()("readwrite", (objects) =>
        new Promise<MergeResult>((resolve, reject) => {
          const read = objects.getAll();
          read.onsuccess = () => {
            const merged = mergePrompts(read.result as Prompt[], prompts);
            if (!merged.ok) return resolve(merged);
            for (const prompt of merged.prompts) objects.put(prompt, prompt.id);
            promisifyRequest(objects.transaction).then(() => resolve(merged), reject);
          };
          read.onerror = () => reject(read.error);
        }),
      );
      if (result.ok) changed();
      return result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
