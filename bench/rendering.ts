/**
 * The browser's cost of showing a long streamed reply: chromium's main thread while a
 * 6,000-token markdown reply arrives at 200 tokens/s (the bench upstream's "markdown:6000:200"
 * model, which the app at `app` must be pointed at), printed beside the targets.
 */
import { writeFileSync } from "node:fs";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { wallMs as now } from "./clock";
import { END_MARK } from "./upstream";

const TARGET_BUSY_PERCENT = 20;
const TARGET_TEXT_LAG_MS = 100;

export interface RenderingOptions {
  /** Writes a CPU profile of the streaming window here (open it in Chrome DevTools). */
  cpuProfilePath?: string;
  /** Extra query string for the page, e.g. to pick a renderer while comparing two. */
  query?: string;
  /** The bench upstream's model to stream (default: the app's, MARKDOWN_MODEL), as if picked in the model setting. */
  model?: string;
  /** The busy target for this reply (the math reply's is 25%). */
  targetBusyPercent?: number;
}

/**
 * Chromium's own accounting of main-thread time, in seconds since the page started. TaskDuration
 * is wall time inside tasks (the "busy" of the target); ThreadTime is the CPU the main thread got,
 * which stays honest when other processes compete for the cores.
 */
export type MainThreadTimes = Record<"TaskDuration" | "ThreadTime" | "ScriptDuration" | "LayoutDuration" | "RecalcStyleDuration", number>;

export async function mainThreadTimes(cdp: CDPSession): Promise<MainThreadTimes> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    TaskDuration: value("TaskDuration"),
    ThreadTime: value("ThreadTime"),
    ScriptDuration: value("ScriptDuration"),
    LayoutDuration: value("LayoutDuration"),
    RecalcStyleDuration: value("RecalcStyleDuration"),
  };
}

/**
 * Waits until the page has nothing left to load and has been idle twice: a person reads the page
 * before sending, and what it loads when idle (the reply's markdown stack) is then done, as it is
 * for them. Sending the moment the page hydrates would time that loading, not the streaming.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  for (let i = 0; i < 2; i++) await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 3000 })));
  await page.waitForLoadState("networkidle");
}

export async function measureRendering(app: string, lastEndSentAt: () => number, options: RenderingOptions = {}): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    if (options.model) await page.addInitScript((model: string) => localStorage.setItem("playground-params", JSON.stringify({ state: { model }, version: 1 })), options.model);
    await page.addInitScript((endMark: string) => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __endSeenAt: number };
      w.__longTasks = [];
      w.__endSeenAt = 0;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: "longtask", buffered: true });
      // The moment the reply's last words are on the page, on the same clock as the upstream's send time.
      // Only the changed nodes are read (the parent, for added children): reading the whole reply on
      // every mutation would be the bench's own cost. (No named helpers in here: tsx would wrap them
      // in a `__name` call that does not exist in the page.)
      new MutationObserver((records) => {
        if (w.__endSeenAt) return;
        for (const { target } of records) {
          const element = target instanceof Element ? target : target.parentElement;
          if (target.textContent?.includes(endMark.trim()) && element?.closest('[data-testid="reply-text"]')) {
            w.__endSeenAt = performance.timeOrigin + performance.now();
            return;
          }
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, END_MARK);
    await page.goto(`${app}/${options.query ? `?${options.query}` : ""}`);
    await page.locator('[data-ready="true"]').waitFor();
    await settled(page);
    await page.evaluate(() => ((window as unknown as { __longTasks: unknown[] }).__longTasks.length = 0));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    if (options.cpuProfilePath) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }

    const start = await mainThreadTimes(cdp);
    const startWall = now();
    const sentAt = await page.evaluate(() => performance.now());
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("Write a long markdown document");
    await page.keyboard.press("Enter");
    // Polled natively ten times a second: a locator's wait re-queries the page with Playwright's
    // own selector engine on every animation frame, which was ~3% of the main thread in the figure.
    await page.waitForFunction(() => document.querySelector('[data-role="assistant"][data-state="done"]') !== null, null, { polling: 100, timeout: 120_000 });
    const wall = (now() - startWall) / 1000;
    const end = await mainThreadTimes(cdp);
    if (options.cpuProfilePath) {
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(options.cpuProfilePath, JSON.stringify(profile));
    }

    const { longTasks, endSeenAt } = await page.evaluate(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __endSeenAt: number };
      return { longTasks: w.__longTasks, endSeenAt: w.__endSeenAt };
    });
    // Formulas KaTeX rendered in the reply (a display formula holds one .katex inside .katex-display).
    const formulas = await page.locator('[data-role="assistant"]').evaluate((reply) => {
      const display = reply.querySelectorAll(".katex-display").length;
      return { inline: reply.querySelectorAll(".katex").length - display, display };
    });
    const targetBusy = options.targetBusyPercent ?? TARGET_BUSY_PERCENT;
    const percent = (key: keyof MainThreadTimes) => (((end[key] - start[key]) / wall) * 100).toFixed(1);
    const lag = endSeenAt ? `${(endSeenAt - lastEndSentAt()).toFixed(0)} ms` : "never seen";
    console.log(
      `main thread busy ${percent("TaskDuration")}% of ${wall.toFixed(1)} s (target ≤ ${targetBusy}%;` +
        ` CPU ${percent("ThreadTime")}%, script ${percent("ScriptDuration")}%, style ${percent("RecalcStyleDuration")}%, layout ${percent("LayoutDuration")}%)` +
        ` | long tasks > 50 ms: ${longTasks.length} (target 0)` +
        // When each began (from the send) says which work it was: the send, a module's first use, a commit.
        (longTasks.length ? ` (${longTasks.map((t) => `${t.duration.toFixed(0)} ms at +${((t.start - sentAt) / 1000).toFixed(2)} s`).join(", ")})` : "") +
        ` | text complete ${lag} after the stream's last token (target ≤ ${TARGET_TEXT_LAG_MS} ms)` +
        (formulas.inline || formulas.display ? ` | formulas rendered: ${formulas.inline} inline, ${formulas.display} display` : ""),
    );
  } finally {
    await browser.close();
  }
}
