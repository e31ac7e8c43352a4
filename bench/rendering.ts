/**
 * The browser's cost of rendering a long reply: chromium's main-thread busy share, long tasks,
 * and how far the text lags behind the stream at its end, while a 6,000-token markdown reply
 * streams at 200 tokens/s (the server's configured model, MARKDOWN_MODEL).
 */
import { chromium } from "@playwright/test";
import { wallMs } from "./clock";
import { END_MARK } from "./upstream";
import { ms } from "./stats";

/** `lastEndSentAt`: wall-clock time the upstream wrote the reply's END_MARK. */
export async function measureRendering(app: string, lastEndSentAt: () => number): Promise<void> {
  console.log("\n== Browser main thread while a 6,000-token markdown reply streams at 200 tokens/s ==");
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
    await page.goto(app);
    await page.locator('[data-ready="true"]').waitFor();
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const taskTime = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration")!.value;

    const startTask = await taskTime();
    const startWall = wallMs();
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("Write a long markdown document");
    await page.keyboard.press("Enter");
    await page.locator('[data-role="assistant"][data-state="done"]').waitFor({ timeout: 120_000 });
    const wall = (wallMs() - startWall) / 1000;
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
