import { describe, expect, it } from "vitest";
import { cachedPage, forgetPage, isCached, noncePlaceholder, type CachedPage } from "./page-cache";

const page = (html: string): CachedPage => ({ html, headers: [["content-type", "text/html"]] });

describe("share-page cache (no REDIS_URL: in-process)", () => {
  it("renders a page once for many concurrent readers, then serves it from memory", async () => {
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 30));
      return page(`<script nonce="${noncePlaceholder()}"></script>`);
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => cachedPage("aaaaaaaaaaaaaaaaaaaaaa", null, render)));
    expect(renders).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(isCached("aaaaaaaaaaaaaaaaaaaaaa")).toBe(true);
    await cachedPage("aaaaaaaaaaaaaaaaaaaaaa", null, render);
    expect(renders).toBe(1);
  });

  it("does not keep a page whose link was revoked while it rendered", async () => {
    let finish!: (p: CachedPage) => void;
    const pending = cachedPage("bbbbbbbbbbbbbbbbbbbbbb", null, () => new Promise((resolve) => (finish = resolve)));
    await new Promise((r) => setTimeout(r, 0));
    forgetPage("bbbbbbbbbbbbbbbbbbbbbb");
    finish(page("old"));
    await pending;
    expect(isCached("bbbbbbbbbbbbbbbbbbbbbb")).toBe(false);
  });

  it("keeps nothing past the link's expiry, and nothing that failed to render", async () => {
    await cachedPage("cccccccccccccccccccccc", new Date(Date.now() - 1), async () => page("expired"));
    expect(isCached("cccccccccccccccccccccc")).toBe(false);
    expect(await cachedPage("dddddddddddddddddddddd", null, async () => null)).toBeNull();
    expect(await cachedPage("eeeeeeeeeeeeeeeeeeeeee", null, () => Promise.reject(new Error("down")))).toBeNull();
    expect(isCached("eeeeeeeeeeeeeeeeeeeeee")).toBe(false);
  });

  it("forgets a revoked page", async () => {
    await cachedPage("ffffffffffffffffffffff", null, async () => page("x"));
    forgetPage("ffffffffffffffffffffff");
    expect(isCached("ffffffffffffffffffffff")).toBe(false);
  });
});
