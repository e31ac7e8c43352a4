/**
 * `npm run bench`: prints figures (never pass/fail). Starts a benchmark upstream and the
 * production server pointed at it, then measures what the route adds to streaming, under
 * load, the JavaScript the page ships, and the browser's cost of rendering a long reply.
 */
import { spawn, execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { startBenchUpstream, END_MARK, now } from "./upstream";
import { timeStream, type StreamTiming } from "./stream-client";
import { benchShares } from "./shares";

const PORT = 3300;
/** `npm run bench -- concurrency shares` runs only those sections (single, concurrency, bundle, shares, rendering). */
const only = new Set(process.argv.slice(2));
const wanted = (section: string) => only.size === 0 || only.has(section);
const APP = `http://127.0.0.1:${PORT}`;
const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main() {
  execSync("node scripts/build-if-needed.mjs", { stdio: "inherit" });
  const upstream = await startBenchUpstream();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-data-"));
  const startApp = (port: number, env: Record<string, string>) =>
    spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
      env: {
        ...process.env,
        OPENAI_BASE_URL: upstream.url,
        OPENAI_MODEL: "markdown:6000:200",
        MODELSLAB_API_KEY: "",
        DATA_DIR: dataDir,
        SHARE_RATE_LIMIT: "1000000",
        ...env,
      },
      stdio: "ignore",
    });
  const server = startApp(PORT, { DATABASE_URL: "" });
  try {
    await waitFor(APP);
    const chat = (model: string) => ({ messages: [{ role: "user", content: "bench" }], model, params: { maxTokens: 32000 } });
    const direct = (model: string) => timeStream(`${upstream.url}/chat/completions`, { model }, "direct");
    const routed = (model: string) => timeStream(`${APP}/api/chat`, chat(model), "route");

    if (wanted("single")) {
      console.log("\n== One 2,000-token reply: direct from the upstream vs through /api/chat ==");
      // Warm the JIT on both paths first: a cold server's first runs measure compilation, not the route.
      for (let i = 0; i < 5; i++) await Promise.all([direct("stamp:2000:0"), routed("stamp:2000:0")]);
      for (const [label, model, runs] of [["full speed", "stamp:2000:0", 15], ["100 tokens/s", "stamp:2000:100", 1]] as const) {
        const d: StreamTiming[] = [];
        const r: StreamTiming[] = [];
        for (let i = 0; i < runs; i++) {
          d.push(await direct(model));
          r.push(await routed(model));
        }
        const [dFirst, rFirst] = [median(d.map((t) => t.firstTokenMs)), median(r.map((t) => t.firstTokenMs))];
        const [dTotal, rTotal] = [median(d.map((t) => t.totalMs)), median(r.map((t) => t.totalMs))];
        console.log(
          `${label.padEnd(13)} first token: direct ${ms(dFirst)}, route ${ms(rFirst)} (+${ms(rFirst - dFirst)})` +
            ` | total: direct ${ms(dTotal)}, route ${ms(rTotal)} (ratio ${(rTotal / dTotal).toFixed(3)}) [median of ${runs}]`,
        );
      }

    }
    if (wanted("concurrency")) {
      console.log("\n== 200 concurrent paced streams (200 tokens at 100 tokens/s each) ==");
      for (const [label, run] of [["direct", direct], ["route", routed]] as const) {
        const results = await Promise.allSettled(Array.from({ length: 200 }, () => run("stamp:200:100")));
        const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
        const first = ok.map((t) => t.firstTokenDelayMs);
        const last = ok.map((t) => t.lastTokenDelayMs);
        console.log(
          `${label.padEnd(6)} token delay upstream→client, first token p50 ${ms(median(first))} p99 ${ms(percentile(first, 99))}` +
            ` | last token p50 ${ms(median(last))} p99 ${ms(percentile(last, 99))} | errors ${results.length - ok.length}`,
        );
      }

    }
    if (wanted("bundle")) {
      console.log("\n== JavaScript the browser loads for / ==");
      const html = await (await fetch(APP)).text();
      const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
      let raw = 0;
      let gz = 0;
      for (const src of scripts) {
        const body = Buffer.from(await (await fetch(new URL(src, APP))).arrayBuffer());
        raw += body.length;
        gz += gzipSync(body, { level: 9 }).length;
      }
      console.log(`${scripts.length} scripts: ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped (target < 200 KB)`);

    }
    if (wanted("shares")) {
      console.log(`\n== Share links: 50 concurrent clients × 10 creates, then 10 share-page reads each ==`);
      console.log(`SQLite      ${await benchShares(APP, percentile)}`);
      const databaseUrl = process.env.DATABASE_URL;
      if (databaseUrl) {
        const pgServer = startApp(PORT + 1, { DATABASE_URL: databaseUrl });
        try {
          await waitFor(`http://127.0.0.1:${PORT + 1}`);
          console.log(`PostgreSQL  ${await benchShares(`http://127.0.0.1:${PORT + 1}`, percentile)}`);
        } finally {
          pgServer.kill();
        }
      } else {
        console.log("PostgreSQL  skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to measure it");
      }

    }
    if (wanted("rendering")) {
      console.log("\n== Browser main thread while a 6,000-token markdown reply streams at 200 tokens/s ==");
      await measureRendering(upstream.lastEndSentAt);
    }
  } finally {
    server.kill();
    await upstream.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureRendering(lastEndSentAt: () => number) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript((endMark: string) => {
      const w = window as unknown as { __longTasks: number[]; __endSeenAt: number };
      w.__longTasks = [];
      w.__endSeenAt = 0;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });
      new MutationObserver(() => {
        if (!w.__endSeenAt && document.querySelector('[data-testid="reply-text"]')?.textContent?.includes(endMark.trim())) {
          w.__endSeenAt = performance.timeOrigin + performance.now();
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, END_MARK);
    await page.goto(APP);
    await page.locator('[data-ready="true"]').waitFor();
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const taskTime = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration")!.value;

    const startTask = await taskTime();
    const startWall = now();
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("Write a long markdown document");
    await page.keyboard.press("Enter");
    await page.locator('[data-role="assistant"][data-state="done"]').waitFor({ timeout: 120_000 });
    const wall = (now() - startWall) / 1000;
    const busy = (await taskTime()) - startTask;
    const { longTasks, endSeenAt } = await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __endSeenAt: number };
      return { longTasks: w.__longTasks, endSeenAt: w.__endSeenAt };
    });
    console.log(
      `main thread busy ${((busy / wall) * 100).toFixed(1)}% of ${wall.toFixed(1)} s (target < 25%) | long tasks > 50 ms: ${longTasks.length}` +
        (longTasks.length ? ` (longest ${Math.max(...longTasks).toFixed(0)} ms)` : "") +
        ` | text lag behind the stream at its end: ${ms(endSeenAt - lastEndSentAt())} (target < 100 ms)`,
    );
  } finally {
    await browser.close();
  }
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not start`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
