/**
 * The JavaScript a first visit to / downloads (Next 16 no longer prints "First Load JS").
 * `nomodule` scripts (Next's legacy polyfills) are left out of the figure: a browser that runs
 * ES modules never fetches them. They are printed beside it.
 */
import { gzipSync } from "node:zlib";

export async function measureBundle(app: string): Promise<void> {
  console.log("\n== JavaScript the browser loads for / ==");
  const html = await (await fetch(app)).text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)];
  const loaded = { count: 0, raw: 0, gz: 0 };
  const legacy = { count: 0, raw: 0, gz: 0 };
  const seen = new Set<string>();
  for (const [tag, src] of tags) {
    if (seen.has(src)) continue;
    seen.add(src);
    const body = Buffer.from(await (await fetch(new URL(src, app))).arrayBuffer());
    const into = /\snomodule\b/i.test(tag) ? legacy : loaded;
    into.count++;
    into.raw += body.length;
    into.gz += gzipSync(body, { level: 9 }).length;
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `${loaded.count} scripts: ${kb(loaded.raw)} raw, ${kb(loaded.gz)} gzipped (target < 200 KB)` +
      (legacy.count ? ` | not counted: ${legacy.count} nomodule script${legacy.count > 1 ? "s" : ""} (${kb(legacy.gz)} gzipped) that only browsers without ES modules load` : ""),
  );
}
