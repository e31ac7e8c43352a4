/**
 * The prompt library on the server (/api/v1/prompts), for a page whose app has access keys: the
 * library of this browser's access key, shared with that key's other browsers and SDK clients,
 * on every instance. Same contract as the browser's (./prompt-library.ts); tabs of this browser
 * hear of changes on a BroadcastChannel, other browsers when they next read.
 */
import { listingOf } from "../prompts/listing";
import type { Prompt, PromptContent } from "../prompts/prompt";
import { writePromptFile } from "../prompts/write-prompt-file";
import { ApiError, requestJson } from "./json-api";
import { PromptLibraryError, type PromptLibrary } from "./prompt-library";

const BASE = "/api/v1/prompts";

export function createServerPromptLibrary(): PromptLibrary {
  const listeners = new Set<() => void>();
  const channel = typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel("playground-prompts:server");
  channel?.addEventListener("message", () => listeners.forEach((l) => l()));
  const changed = <T>(value: T): T => {
    channel?.postMessage("changed");
    listeners.forEach((l) => l());
    return value;
  };
  /** The server's readable refusal, as the browser library words its own. */
  const call = async <T>(url: string, init: Parameters<typeof requestJson>[1] = {}): Promise<T> => {
    try {
      return await requestJson<T>(url, init);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw new PromptLibraryError("This prompt is no longer in the library (deleted elsewhere?).");
      throw error instanceof ApiError ? new PromptLibraryError(error.message) : error;
    }
  };
  const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

  const list = async () => (await call<{ data: Prompt[] }>(`${BASE}?include=versions`)).data;

  return {
    // The search reads each prompt's latest system message, which the server's summaries leave out.
    listings: async () => (await list()).map(listingOf),
    list,
    get: (id) => call<Prompt>(one(id)).catch((error) => (error instanceof PromptLibraryError && /no longer/.test(error.message) ? undefined : Promise.reject(error))),
    create: async (name: string, content: PromptContent, details = {}) => changed(await call<Prompt>(BASE, { method: "POST", body: { name, ...details, ...content } })),
    addVersion: async (id, content, note) => changed(await call<Prompt>(`${one(id)}/versions`, { method: "POST", body: { ...content, ...(note ? { note } : {}) } })),
    rename: async (id, name, description) => changed(await call<Prompt>(one(id), { method: "PATCH", body: { name, ...(description !== undefined ? { description } : {}) } })),
    setTestSet: async (id, testSet) => changed(await call<Prompt>(one(id), { method: "PATCH", body: { testSet } })),
    async setLabel(id, label, version) {
      const prompt = await call<Prompt>(one(id));
      const labels = { ...prompt.labels };
      if (version === null) delete labels[label];
      else labels[label] = version;
      return changed(await call<Prompt>(one(id), { method: "PATCH", body: { labels } }));
    },
    remove: async (id) => void changed(await call(one(id), { method: "DELETE" })),
    async importPrompts(prompts) {
      try {
        const { imported } = await call<{ imported: import("../prompts/merge").MergeReport }>(BASE, { method: "POST", body: JSON.parse(writePromptFile(prompts)) });
        return changed({ ok: true as const, report: imported });
      } catch (error) {
        return { ok: false as const, error: (error as Error).message };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Each read asks the server afresh: nothing to open beforehand.
    warm() {},
  };
}
