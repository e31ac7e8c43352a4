/**
 * The browser's cost of compare mode: six columns, each streaming a 1,000-token markdown reply
 * at 100 tokens/s (the bench upstream's COMPARE_MODEL, picked through the model setting), on
 * one page. Prints chromium's main-thread busy share, long tasks, and how long after the last
 * column's last token every column shows its whole reply, beside the targets.
 * BENCH_COMPARE_PROFILE=<file> also writes a CPU profile of the streaming window.
 */
import { writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { wallMs as now } from "./clock";
import { mainThreadTimes, settled, type MainThreadTimes } from "./rendering";
import { COMPARE_MODEL, END_MARK } from "./upstream";

const COLUMNS = 6;
const TARGET_BUSY_PERCENT = 30;
const TARGET_LONG_TASK_MS = 50;
const TARGET_TEXT_LAG_MS = 100;

export async function measureCompareRendering(app: string, lastEndSentAt: () => number): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.addInitScript(
      ({ endMark, model, columns }: { endMark: string; model: string; columns: number }) => {
        // The bench upstream's six-column stream shape, as if picked in the model setting.
        localStorage.setItem("playground-params", JSON.stringify({ state: { model }, version: 1 }));
        const w = window as unknown as { __longTasks: number[]; __longTaskStarts: number[]; __allEndsSeenAt: number };
        w.__longTasks = [];
        w.__longTaskStarts = [];
        w.__allEndsSeenAt = 0;
        new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__longTasks.push(e.duration), w.__longTaskStarts.push(performance.timeOrigin + e.startTime)))).observe({ type: "longtask", buffered: true });
        // When the last of the columns shows its reply's final words (only changed nodes are read).
        const ended = new Set<Element>();
        new MutationObserver((records) => {
          if (w.__allEndsSeenAt) return;
          for (const { target } of records) {
            const element = target instanceof Element ? target : target.parentElement;
            const column = element?.closest('[data-testid="compare-column"]');
            if (column && !ended.has(column) && target.textContent?.includes(endMark.trim())) ended.add(column);
          }
          if (ended.size === columns) w.__allEndsSeenAt = performance.timeOrigin + performance.now();
        }).observe(document, { subtree: true, childList: true, characterData: true });
      },
      { endMark: END_MARK, model: COMPARE_MODEL, columns: COLUMNS },
    );
    await page.goto(app);
    await page.locator('[data-ready="true"]').waitFor();
    await settled(page);
    await page.getByRole("group", { name: "Mode" }).getByRole("button", { name: "Compare" }).click();
    await page.getByRole("combobox", { name: "Columns", exact: true }).selectOption(String(COLUMNS));
    await page.getByRole("button", { name: "Fill columns" }).click();
    await page.getByTestId("compare-column").nth(COLUMNS - 1).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __longTaskStarts: number[] };
      w.__longTasks.length = 0;
      w.__longTaskStarts.length = 0;
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");

    const profilePath = process.env.BENCH_COMPARE_PROFILE;
    if (profilePath) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    const start = await mainThreadTimes(cdp);
    const startWall = now();
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("Write a long markdown document");
    await page.keyboard.press("Enter");
    for (let i = 0; i < COLUMNS; i++) {
      await page.getByTestId("compare-column").nth(i).locator('[data-role="assistant"][data-state="done"]').waitFor({ timeout: 120_000 });
    }
    const wall = (now() - startWall) / 1000;
    const end = await mainThreadTimes(cdp);
    if (profilePath) writeFileSync(profilePath, JSON.stringify((await cdp.send("Profiler.stop")).profile));

    const { longTasks, longTaskStarts, allEndsSeenAt } = await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __longTaskStarts: number[]; __allEndsSeenAt: number };
      return { longTasks: w.__longTasks, longTaskStarts: w.__longTaskStarts, allEndsSeenAt: w.__allEndsSeenAt };
    });
    const percent = (key: keyof MainThreadTimes) => (((end[key] - start[key]) / wall) * 100).toFixed(1);
    const longest = longTasks.length ? Math.max(...longTasks) : 0;
    // When each long task began, from the click on Send: tells the first render from the last.
    const when = longTasks.map((d, i) => `${d.toFixed(0)} ms at +${((longTaskStarts[i] - startWall) / 1000).toFixed(2)} s`).join(", ");
    const lag = allEndsSeenAt ? `${(allEndsSeenAt - lastEndSentAt()).toFixed(0)} ms` : "never seen";
    console.log(
      `${COLUMNS} columns × ${COMPARE_MODEL}: main thread busy ${percent("TaskDuration")}% of ${wall.toFixed(1)} s (target ≤ ${TARGET_BUSY_PERCENT}%;` +
        ` CPU ${percent("ThreadTime")}%, script ${percent("ScriptDuration")}%, style ${percent("RecalcStyleDuration")}%, layout ${percent("LayoutDuration")}%)` +
        ` | long tasks > 50 ms: ${longTasks.length}${longTasks.length ? `, longest ${longest.toFixed(0)} ms (${when})` : ""} (target: none over ${TARGET_LONG_TASK_MS} ms)` +
        ` | every column complete ${lag} after the last token (target ≤ ${TARGET_TEXT_LAG_MS} ms)`,
    );
  } finally {
    await browser.close();
  }
}
