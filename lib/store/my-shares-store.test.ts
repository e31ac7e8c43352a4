/** The creator secret behind per-creator dedupe: random per browser, made once, kept with the links. */
import { beforeAll, describe, expect, it } from "vitest";
import { CreateShareBodySchema } from "../shares/snapshot";

// Node has no window.localStorage; this stands in for the browser's, before the store is created.
const saved = new Map<string, string>();
(globalThis as { window?: unknown }).window = globalThis;
globalThis.localStorage = {
  getItem: (key: string) => saved.get(key) ?? null,
  setItem: (key: string, value: string) => void saved.set(key, value),
  removeItem: (key: string) => void saved.delete(key),
  clear: () => saved.clear(),
  key: () => null,
  length: 0,
} as Storage;

let store: typeof import("./my-shares-store").useMySharesStore;
beforeAll(async () => {
  store = (await import("./my-shares-store")).useMySharesStore;
});

describe("my-shares store creator secret", () => {
  it("is made once per browser, is 256 random bits, and is accepted by the create schema", () => {
    const first = store.getState().creatorSecret();
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.getState().creatorSecret()).toBe(first);
    const body = { creatorSecret: first, params: {}, messages: [{ role: "user", content: "hi" }] };
    expect(CreateShareBodySchema.safeParse(body).error?.issues).toBeUndefined();
  });

  it("is saved with the links and comes back after a reload", async () => {
    const secret = store.getState().creatorSecret();
    expect(JSON.parse(saved.get("playground-my-shares")!).state.secret).toBe(secret);
    store.setState({ secret: "" });
    saved.set("playground-my-shares", JSON.stringify({ state: { links: [], secret }, version: 1 }));
    await store.persist.rehydrate();
    expect(store.getState().creatorSecret()).toBe(secret);
  });
});
