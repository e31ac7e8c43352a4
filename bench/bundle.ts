/** The JavaScript a first visit to / downloads (Next 16 no longer prints "First Load JS"). */
import { gzipSync } from "node:zlib";

export async function measureBundle(app: string): Promise<void> {
  console.log("\n== JavaScript the browser loads for / ==");
  const html = await (await fetch(app)).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gz = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, app))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  console.log(`${scripts.length} scripts: ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (target < 200 KB)`);
}
