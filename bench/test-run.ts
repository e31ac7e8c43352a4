/**
 * A test run in chromium against the production build (issue 24's targets): the Test cases view
 * with a prompt of one `{{topic}}`, 200 rows pasted through its "Paste rows" form, two checks
 * (contains, regex) and two columns (Current settings and compare mode's first column: the page's
 * prompt with that column's settings), run with "Run all" against the bench upstream, whose
 * replies take a known time (TEST_RUN_MODEL: 100 markdown tokens at 100 tokens/s), on a server
 * that advertises 5 concurrent streams (OPENAI_CONCURRENT_STREAMS, read by the page from
 * /api/models) and lets one client stream and ask as much as it likes. Prints, beside the targets:
 * - the run: from the click on "Run all" to the progress bar reporting every cell finished (both
 *   in the page), against rows × columns × the reply time ÷ 5, the reply time being the median of
 *   one cell re-run alone in the page (Re-run, from its "running" to its "done"), with the same
 *   reply timed through /api/chat from Node beside it; each cell's stream in the run (chromium's
 *   network events: the grid draws only rows near the view) and how many of the 5 streams were
 *   busy on average; chromium's main thread over the run (CDP TaskDuration
 *   ÷ wall time) and its long tasks;
 * - the grid's scroll, with every cell finished: the dialog scrolled through the whole grid by the
 *   page (a step each animation frame, the first pass down and again), and up by mouse wheel
 *   events, with each frame's main-thread work (from its animation-frame callback to a message
 *   posted there, which runs once the frame's style, layout and paint are done) beside the 16 ms
 *   target, the frame intervals, and long tasks and long animation frames; then the same on a
 *   500-row grid (docs/evals.md says 500 rows scroll smoothly), filled by a run of the same replies
 *   at full speed (TEST_RUN_FAST_MODEL; that run's figures are not against a target).
 * Elements are found with the page's own DOM queries once the grid exists, never playwright's role
 * locators (see docs/benchmarks.md, prompts). Sizes: BENCH_TEST_RUN_ROWS (200),
 * BENCH_TEST_RUN_SCROLL_ROWS (500; 0 skips the 500-row grid), BENCH_TEST_RUN_SCROLL_STEP (px a
 * frame, 100). BENCH_TEST_RUN_PROFILE=<dir> writes CPU profiles of the run, of the 500-row grid's fill
 * and of each grid's first scroll pass (they slow the page: take figures from a run without it).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type CDPSession, type Page } from "@playwright/test";
import { wallMs as now } from "./clock";
import type { NextServer } from "./next-server";
import { mainThreadTimes, settled, type MainThreadTimes } from "./rendering";
import { percentile } from "./stats";
import { streamPaths, time, TEST_RUN_TARGETS as TARGET } from "./targets";
import { TEST_RUN_FAST_MODEL, TEST_RUN_MODEL } from "./upstream";

const envCount = (name: string, fallback: number) => {
  const value = process.env[name];
  return value !== undefined && value !== "" && Number.isInteger(Number(value)) && Number(value) >= 0 ? Number(value) : fallback;
};
const ROWS = Math.max(1, envCount("BENCH_TEST_RUN_ROWS", TARGET.rows));
const SCROLL_ROWS = envCount("BENCH_TEST_RUN_SCROLL_ROWS", TARGET.scrollRows);
const SCROLL_STEP = Math.max(1, envCount("BENCH_TEST_RUN_SCROLL_STEP", 100));
/** Replies timed alone: through /api/chat from Node, and one cell re-run in the page. */
const SINGLE_RUNS = 5;
/** A wheel event's scroll: one notch of a mouse wheel. */
const WHEEL_PX = 100;
const WHEEL_EVERY_MS = 16;
const VARIABLE = "topic";
const SYSTEM_MESSAGE = `Write two short sections about {{${VARIABLE}}}.`;
const DRAFT = "Go on.";
const CHECKS = [
  { kind: "Reply contains", field: "Text", value: "Section" },
  { kind: "Reply matches a regex", field: "Pattern", value: "step \\d+" },
];
const TOPICS = ["tea", "rain", "salt and the sea", "the moon", "snow", "wind", "a lighthouse", "bread"];
const VIEWPORT = { width: 1280, height: 900 };
const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

// ---- The page side. Strings, not functions: tsx would wrap named helpers in a `__name` the page lacks. ----

/**
 * Installed before the app's scripts: long tasks and long animation frames; `arm(total, waitFor)`
 * starts a record of the run: the click on "Run all" (or "Re-run"), the cells' "running" and the
 * "done" (or error, or stopped) after it, read from their data-status as each change is committed
 * (only drawn cells have one: the grid draws the rows near the view), and the moment the progress
 * bar's text reports `total` of `total` cells (or, with `waitFor`, that cell ended), which
 * resolves `run.result`. `scroll(step)` scrolls the dialog `step` px an
 * animation frame until the grid's end (or, with 0, only records frames until `stopFrames`),
 * timing each frame.
 */
const HARNESS = `(() => {
  const b = (window.__bench = { longTasks: [], frames: [], run: null, stopFrames: false });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.frames.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration }); }).observe({ type: "long-animation-frame", buffered: true });
  } catch {}
  b.arm = (total, waitFor) => {
    const r = { total, waitFor, click: 0, end: 0, cells: {} };
    r.result = new Promise((resolve) => {
      r.resolve = () => resolve({ click: r.click, end: r.end, cells: r.cells });
      setTimeout(() => resolve(null), 1800000);
    });
    b.run = r;
    return null;
  };
  addEventListener("click", (event) => {
    const r = b.run;
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    if (r && !r.click && button && ["Run all", "Re-run"].includes(button.textContent.trim())) r.click = performance.now();
  }, true);
  new MutationObserver((records) => {
    const r = b.run;
    if (!r || r.end) return;
    const t = performance.now();
    for (const { target, attributeName } of records) {
      if (attributeName === "data-status") {
        const name = target.getAttribute("aria-label");
        const status = target.getAttribute("data-status");
        const cell = r.cells[name] || (r.cells[name] = { start: 0, end: 0, status: "" });
        if (status === "running") Object.assign(cell, { start: t, end: 0, status });
        else if (cell.start && (status === "done" || status === "error" || status === "stopped")) Object.assign(cell, { end: t, status });
      } else if (attributeName === "aria-valuetext" && r.total && target.localName === "progress") {
        if ((target.getAttribute("aria-valuetext") || "").startsWith(r.total + " of " + r.total + " cells")) r.end = t;
      }
    }
    if (r.waitFor && r.cells[r.waitFor]?.end) r.end = t;
    if (r.end) r.resolve();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-status", "aria-valuetext"] });

  b.scroll = (step) => new Promise((resolve) => {
    const scroller = document.querySelector("dialog[open] > div");
    const table = scroller.querySelector('[role="table"]');
    const out = { intervals: [], work: [], start: 0, end: 0, from: scroller.scrollTop, to: 0 };
    let last = 0;
    let lastTop = -1;
    const frame = (at) => {
      const start = performance.now();
      if (last) out.intervals.push(at - last);
      else out.start = start;
      last = at;
      const box = scroller.getBoundingClientRect();
      const grid = table.getBoundingClientRect();
      const ended = step === 0 ? b.stopFrames : step > 0 ? grid.bottom <= box.bottom + 1 || scroller.scrollTop === lastTop : grid.top >= box.top - 1 || scroller.scrollTop === lastTop;
      if (ended) {
        b.stopFrames = false;
        Object.assign(out, { end: start, to: scroller.scrollTop });
        return resolve(out);
      }
      lastTop = step === 0 ? -1 : scroller.scrollTop;
      if (step) scroller.scrollTop += step;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => out.work.push(performance.now() - start);
      channel.port2.postMessage(null);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
})();`;

/** Until the page has rendered a frame and been idle twice: whatever a change scheduled (but not its timers) has run. */
const QUIET = `new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => requestIdleCallback(() => requestIdleCallback(() => resolve(null), { timeout: 2000 }), { timeout: 2000 }))))`;
const quiet = (page: Page) => page.evaluate(QUIET);

const SCROLLER = `document.querySelector("dialog[open] > div")`;
const TABLE = `document.querySelector('dialog[open] [role="table"][aria-label="Test cases and results"]')`;
const RUN_ALL = `[...document.querySelectorAll("dialog[open] button")].find((b) => b.textContent.trim() === "Run all")`;
const PROGRESS_TEXT = `document.querySelector('dialog[open] progress[aria-label="Test run progress"]')?.getAttribute("aria-valuetext")`;
const cellGroup = (name: string) => `document.querySelector('dialog[open] [role="group"][aria-label=${JSON.stringify(name)}]')`;

/** Until `condition` (page JavaScript) holds, checked each frame. (waitForFunction would evaluate it with eval, which the page's CSP forbids.) */
async function waitUntil(page: Page, condition: string, timeoutMs = 60_000): Promise<void> {
  const held = await page.evaluate<boolean>(
    `new Promise((resolve) => { const poll = () => ((${condition}) ? resolve(true) : requestAnimationFrame(poll)); setTimeout(() => resolve(false), ${timeoutMs}); poll(); })`,
  );
  if (!held) throw new Error(`test-run bench: ${condition} never held`);
}

/** Clicks the centre of the element `find` returns with the mouse (a real click); it is scrolled into view first, and must be on top there. */
async function clickOn(page: Page, find: string): Promise<void> {
  const at = await page.evaluate<{ x: number; y: number; hit: string } | null>(
    `(() => { const el = ${find}; if (!el) return null; el.scrollIntoView({ block: "nearest" }); const r = el.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2; const top = document.elementFromPoint(x, y); return { x, y, hit: el.contains(top) ? "" : (top?.outerHTML.slice(0, 120) ?? "nothing") + " at " + Math.round(x) + "," + Math.round(y) }; })()`,
  );
  if (!at) throw new Error(`test-run bench: nothing found for ${find}`);
  if (at.hit) throw new Error(`test-run bench: ${find} is covered by ${at.hit}`);
  await page.mouse.click(at.x, at.y);
}

interface CellRecord {
  start: number;
  end: number;
  status: string;
}
interface RunRecord {
  click: number;
  end: number;
  cells: Record<string, CellRecord>;
}
interface Frames {
  intervals: number[];
  work: number[];
  start: number;
  end: number;
  from: number;
  to: number;
}
interface Timed {
  start: number;
  duration: number;
}
interface LongFrame extends Timed {
  blocking: number;
}

type Metrics = MainThreadTimes;
const minus = (a: Metrics, b: Metrics): Metrics => ({
  TaskDuration: (a.TaskDuration - b.TaskDuration) * 1000,
  ThreadTime: (a.ThreadTime - b.ThreadTime) * 1000,
  ScriptDuration: (a.ScriptDuration - b.ScriptDuration) * 1000,
  LayoutDuration: (a.LayoutDuration - b.LayoutDuration) * 1000,
  RecalcStyleDuration: (a.RecalcStyleDuration - b.RecalcStyleDuration) * 1000,
});

const med = (xs: readonly number[]) => percentile(xs, 50);
const fmt = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const stat = (xs: readonly number[]) => (xs.length ? `median ${fmt(med(xs))}, p95 ${fmt(percentile(xs, 95))}, worst ${fmt(Math.max(...xs))}` : "none");
const count = (n: number) => n.toLocaleString("en-US");
const within = <T extends Timed>(tasks: readonly T[], from: number, to: number): T[] => tasks.filter((t) => t.start + t.duration > from && t.start < to);
const longTaskLine = (tasks: readonly Timed[], since: number, target = true) =>
  `long tasks > 50 ms: ${tasks.length}${tasks.length ? `, longest ${fmt(Math.max(...tasks.map((t) => t.duration)))} (${tasks.map((t) => `${t.duration.toFixed(0)} ms at ${t.start < since ? "−" : "+"}${(Math.abs(t.start - since) / 1000).toFixed(2)} s`).join(", ")})` : ""}${target ? ` (target: none over ${TARGET.longTaskMs} ms)` : ""}`;
const longFrameLine = (frames: readonly LongFrame[]) =>
  `long animation frames (> 50 ms): ${frames.length}${frames.length ? `, longest ${fmt(Math.max(...frames.map((f) => f.duration)))}, most blocking ${fmt(Math.max(...frames.map((f) => f.blocking)))}` : ""}`;

/** A stream chromium made to /api/chat: from the request sent to its body's end (or failure), ms. */
interface Stream {
  ms: number;
}

/**
 * Records each /api/chat stream the page makes until `stop()` (CDP Network events, timed by the
 * browser): a run's cells, drawn or not (the grid draws only the rows near the view, so their
 * data-status says nothing of the others). A stream ends at its body's end, or when the page
 * cancels the body after its last event. Whether a cell failed is the summary row's to say (an
 * error can come inside a 200 stream, and a 429 is retried). The Network domain's own work in
 * the renderer is inside the run's main-thread figure: a small share at 5 streams.
 */
async function recordStreams(cdp: CDPSession): Promise<{ stop(): Promise<{ streams: Stream[]; unfinished: number }> }> {
  await cdp.send("Network.enable");
  const sent = new Map<string, number>();
  const streams: Stream[] = [];
  const onSent = (e: { requestId: string; timestamp: number; request: { url: string; method: string } }) => {
    if (e.request.method === "POST" && new URL(e.request.url).pathname === "/api/chat") sent.set(e.requestId, e.timestamp);
  };
  const onEnd = (e: { requestId: string; timestamp: number }) => {
    const at = sent.get(e.requestId);
    if (at === undefined) return;
    sent.delete(e.requestId);
    streams.push({ ms: (e.timestamp - at) * 1000 });
  };
  cdp.on("Network.requestWillBeSent", onSent);
  cdp.on("Network.loadingFinished", onEnd);
  cdp.on("Network.loadingFailed", onEnd);
  return {
    async stop() {
      // The last streams' ending events may still be on their way when the page reports the run done.
      for (let waited = 0; sent.size && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      cdp.off("Network.requestWillBeSent", onSent);
      cdp.off("Network.loadingFinished", onEnd);
      cdp.off("Network.loadingFailed", onEnd);
      await cdp.send("Network.disable");
      return { streams, unfinished: sent.size };
    },
  };
}

/** Each result column's "Replies" in the summary row (always drawn): done and failed cells. */
const SUMMARY_REPLIES = `[...document.querySelectorAll('dialog[open] [role="row"][aria-label="Summary"] dl')].map((dl) => dl.querySelector("dd")?.textContent ?? "")`;
function repliesOf(texts: readonly string[]): { done: number; failed: number } {
  let done = 0;
  let failed = 0;
  for (const text of texts) {
    const match = /^(\d+) of \d+(?:, (\d+) failed)?$/.exec(text.trim());
    if (!match) throw new Error(`test-run bench: the summary row says "${text}"`);
    done += Number(match[1]);
    failed += Number(match[2] ?? 0);
  }
  return { done, failed };
}

/** "markdown:100:100" in words. */
const replyShape = (model: string) => {
  const [, tokens, rate] = model.split(":");
  return `${tokens} markdown tokens ${rate === "0" ? "at full speed" : `at ${rate} tokens/s`} (${model})`;
};

/** BENCH_TEST_RUN_PROFILE=<dir>: a CPU profile of `work`, written as <dir>/<name>.cpuprofile. */
async function maybeProfiled<T>(cdp: CDPSession, name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_TEST_RUN_PROFILE;
  if (!dir) return work();
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const result = await work();
  const { profile } = await cdp.send("Profiler.stop");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  return result;
}

/** `rows` test cases as CSV, one `topic` each. */
function rowsCsv(rows: number): string {
  const lines = [VARIABLE];
  for (let i = 1; i <= rows; i++) lines.push(`${TOPICS[i % TOPICS.length]} (case ${i})`);
  return lines.join("\r\n") + "\r\n";
}

/**
 * A page with the prompt (the System Message with `{{topic}}`, a draft to answer, `model`), compare
 * mode opened once (so its columns are choices), the Test cases view open with the checks, Current
 * settings and Compare column 1 chosen, and `rows` rows pasted. Returns the columns' labels.
 */
async function setUp(context: BrowserContext, app: string, model: string, rows: number): Promise<{ page: Page; cdp: CDPSession; columns: string[] }> {
  const seed = await context.newPage();
  await seed.goto(`${app}/api/health/live`);
  await seed.evaluate(
    ({ model, systemMessage, draft }) => {
      localStorage.clear();
      localStorage.setItem("playground-params", JSON.stringify({ state: { model, systemMessage }, version: 1 }));
      localStorage.setItem("playground-prompt-session", JSON.stringify({ state: { specs: {}, values: {}, draft, opened: null }, version: 1 }));
    },
    { model, systemMessage: SYSTEM_MESSAGE, draft: DRAFT },
  );
  await seed.close();

  const page = await context.newPage();
  await page.goto(app);
  await page.locator('[data-ready="true"]').waitFor();
  await settled(page);
  // Compare mode's columns are choices of the run once it has been opened.
  const mode = page.getByRole("group", { name: "Mode" });
  await mode.getByRole("button", { name: "Compare" }).click();
  await page.getByRole("heading", { name: "Compare" }).waitFor();
  await mode.getByRole("button", { name: "Chat" }).click();
  await page.getByRole("button", { name: "Test cases", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Test cases" });
  await dialog.getByRole("heading", { name: "Checks" }).waitFor();
  for (const check of CHECKS) {
    await dialog.getByLabel("Check kind").selectOption({ label: check.kind });
    await dialog.getByRole("textbox", { name: check.field, exact: true }).fill(check.value);
    await dialog.getByRole("button", { name: "Add check" }).click();
  }
  await dialog.getByRole("checkbox", { name: /^Compare column 1\b/ }).check();
  // The rows, through the view's own paste: all at once, as a person pastes a spreadsheet's column.
  await dialog.getByRole("button", { name: "Paste rows" }).click();
  await dialog.getByLabel(/^Rows to paste/).fill(rowsCsv(rows));
  await dialog.getByRole("button", { name: "Add rows" }).click();
  await waitUntil(page, `${TABLE}?.getAttribute("aria-rowcount") === "${rows + 2}"`);
  // The test set is stored 400 ms after the last change: not in the measured window.
  await page.waitForTimeout(1000);
  await quiet(page);
  const columns = await page.evaluate<string[]>(`[...${TABLE}.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent.trim()).filter((t) => t && t !== "Row" && t !== ${JSON.stringify(VARIABLE)} && t !== "Actions")`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  return { page, cdp, columns };
}

interface MeasuredRun {
  record: RunRecord;
  metrics: Metrics;
  /** Between the two readings of the metrics, from Node. */
  windowMs: number;
  streams: Stream[];
  /** Streams with no ending seen 5 s after the run ended. */
  unfinished: number;
  /** From the summary row. */
  replies: { done: number; failed: number };
  longTasks: Timed[];
  longFrames: LongFrame[];
}

/** Run all, from the click to the progress bar reporting every cell finished. */
async function runAll(page: Page, cdp: CDPSession, cells: number, profile?: string): Promise<MeasuredRun> {
  // As a person watches it: the run bar at the top of the dialog, the first rows under it.
  await page.evaluate(`${RUN_ALL}.parentElement.scrollIntoView({ block: "start" })`);
  await quiet(page);
  await page.evaluate(`window.__bench.arm(${cells})`);
  const streams = await recordStreams(cdp);
  const work = async () => {
    const before = await mainThreadTimes(cdp);
    const started = now();
    await clickOn(page, RUN_ALL);
    const record = await page.evaluate<RunRecord | null>("window.__bench.run.result");
    const metrics = minus(await mainThreadTimes(cdp), before);
    return { record, metrics, windowMs: now() - started };
  };
  const { record, metrics, windowMs } = profile ? await maybeProfiled(cdp, profile, work) : await work();
  const { streams: cellStreams, unfinished } = await streams.stop();
  const replies = repliesOf(await page.evaluate<string[]>(SUMMARY_REPLIES));
  if (!record || !record.click) throw new Error(`test-run bench: the run never finished (the progress bar says ${JSON.stringify(await page.evaluate(PROGRESS_TEXT))})`);
  const { longTasks, longFrames } = await page.evaluate<{ longTasks: Timed[]; longFrames: LongFrame[] }>("({ longTasks: window.__bench.longTasks, longFrames: window.__bench.frames })");
  return { record, metrics, windowMs, streams: cellStreams, unfinished, replies, longTasks: within(longTasks, record.click, record.end), longFrames: within(longFrames, record.click, record.end) };
}

/** One cell re-run alone, `runs` times: from its "running" to its "done" in the page. */
async function singleCells(page: Page, name: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.evaluate(`${cellGroup(name)}.scrollIntoView({ block: "center" })`);
    await quiet(page);
    await page.evaluate(`window.__bench.arm(0, ${JSON.stringify(name)})`);
    await clickOn(page, `[...${cellGroup(name)}.querySelectorAll("button")].find((b) => b.textContent.trim() === "Re-run")`);
    const record = await page.evaluate<RunRecord | null>("window.__bench.run.result");
    const cell = record?.cells[name];
    if (!cell?.end || cell.status !== "done") throw new Error(`test-run bench: re-running "${name}" never finished (${JSON.stringify(cell)})`);
    times.push(cell.end - cell.start);
  }
  return times;
}

interface ScrollPass {
  label: string;
  frames: Frames;
  metrics: Metrics;
  longTasks: Timed[];
  longFrames: LongFrame[];
}

/** Scrolls the grid through, recording every frame: by the page (`step` px a frame) or, with "wheel", by mouse wheel events upward. */
async function scrollPass(page: Page, cdp: CDPSession, label: string, how: "down" | "wheel-up", profile?: string): Promise<ScrollPass> {
  // From the grid's first row (down) or its end (up), settled there first.
  await page.evaluate(
    how === "down"
      ? `(() => { const s = ${SCROLLER}; s.scrollTop += ${TABLE}.getBoundingClientRect().top - s.getBoundingClientRect().top; })()`
      : `(() => { const s = ${SCROLLER}; s.scrollTop = s.scrollHeight; })()`,
  );
  await quiet(page);
  await quiet(page);
  const since = await page.evaluate<number>("performance.now()");
  const work = async () => {
    const before = await mainThreadTimes(cdp);
    let frames: Frames;
    if (how === "down") frames = await page.evaluate<Frames>(`window.__bench.scroll(${SCROLL_STEP})`);
    else {
      const box = await page.evaluate<{ x: number; y: number }>(`(() => { const r = ${SCROLLER}.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })()`);
      await page.mouse.move(box.x, box.y);
      const recording = page.evaluate<Frames>("window.__bench.scroll(0)");
      const atTop = `(${TABLE}.getBoundingClientRect().top >= ${SCROLLER}.getBoundingClientRect().top - 1)`;
      for (let i = 0; ; i++) {
        // About one event a frame: playwright does not wait for the scroll an event causes.
        await Promise.all([page.mouse.wheel(0, -WHEEL_PX), new Promise((resolve) => setTimeout(resolve, WHEEL_EVERY_MS))]);
        if (i % 10 === 9 && (await page.evaluate<boolean>(atTop))) break;
        if (i > 100_000) throw new Error("test-run bench: the wheel never reached the grid's top");
      }
      await page.evaluate("window.__bench.stopFrames = true");
      frames = await recording;
    }
    return { frames, metrics: minus(await mainThreadTimes(cdp), before) };
  };
  const { frames, metrics } = profile ? await maybeProfiled(cdp, profile, work) : await work();
  const { longTasks, longFrames } = await page.evaluate<{ longTasks: Timed[]; longFrames: LongFrame[] }>("({ longTasks: window.__bench.longTasks, longFrames: window.__bench.frames })");
  const end = Math.max(frames.end, since);
  return { label, frames, metrics, longTasks: within(longTasks, since, end), longFrames: within(longFrames, since, end) };
}

function printScroll(pass: ScrollPass) {
  const { frames, metrics } = pass;
  const over = frames.work.filter((w) => w > TARGET.frameMs).length;
  const dropped = frames.intervals.filter((i) => i > 1.5 * (1000 / 60)).length;
  const n = Math.max(1, frames.work.length);
  console.log(
    `  ${pass.label}: ${count(frames.work.length)} frames over ${count(Math.abs(frames.to - frames.from))} px in ${secs(frames.end - frames.start)}` +
      ` | main-thread work per frame ${stat(frames.work)} (target ≤ ${TARGET.frameMs} ms); ${over} frame${over === 1 ? "" : "s"} over it` +
      ` | frame interval ${stat(frames.intervals)}, ${dropped} over 25 ms` +
      ` | CDP main thread ${fmt(metrics.TaskDuration / n)} a frame on average (script ${fmt(metrics.ScriptDuration / n)}, style ${fmt(metrics.RecalcStyleDuration / n)}, layout ${fmt(metrics.LayoutDuration / n)})` +
      ` | ${longTaskLine(pass.longTasks, frames.start, false)} | ${longFrameLine(pass.longFrames)}`,
  );
}

/** The three passes over a grid of finished cells: down by the page (the rows' first rendering since the run), up by wheel, down again. */
async function measureScroll(page: Page, cdp: CDPSession, rows: number, columns: number, profile?: string): Promise<void> {
  console.log(`scroll the grid of ${count(rows)} finished rows × ${columns} columns (the dialog, ${VIEWPORT.width}×${VIEWPORT.height} viewport):`);
  printScroll(await scrollPass(page, cdp, `down, ${SCROLL_STEP} px a frame by the page (first pass since the run)`, "down", profile));
  printScroll(await scrollPass(page, cdp, `up, mouse wheel events of ${WHEEL_PX} px about every ${WHEEL_EVERY_MS} ms`, "wheel-up"));
  printScroll(await scrollPass(page, cdp, `down again, ${SCROLL_STEP} px a frame by the page`, "down"));
}

export async function measureTestRun(upstreamUrl: string, startApp: (env: Record<string, string>) => Promise<NextServer>): Promise<void> {
  const columnsWanted = TARGET.columns;
  const cells = ROWS * columnsWanted;
  console.log(
    `\n== A test run in the browser: ${count(ROWS)} rows × ${columnsWanted} columns, ${TARGET.streams} streams at once, each reply ${replyShape(TEST_RUN_MODEL)}; then the grid's scroll at ${count(ROWS)}${SCROLL_ROWS ? ` and ${count(SCROLL_ROWS)}` : ""} rows ==`,
  );
  const server = await startApp({ OPENAI_CONCURRENT_STREAMS: String(TARGET.streams) });
  try {
    const models = (await (await fetch(`${server.url}/api/models`)).json()) as { capabilities?: { concurrentStreams?: number } };
    const streams = models.capabilities?.concurrentStreams;
    if (streams !== TARGET.streams) throw new Error(`test-run bench: /api/models says concurrentStreams ${streams}, not ${TARGET.streams}`);

    // The same reply alone through /api/chat from Node: the first runs warm the server up.
    const paths = streamPaths(upstreamUrl, server.url);
    for (let i = 0; i < 3; i++) await time(paths.route(TEST_RUN_MODEL));
    const routeTimes: number[] = [];
    for (let i = 0; i < SINGLE_RUNS; i++) routeTimes.push((await time(paths.route(TEST_RUN_MODEL))).totalMs);

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: LAUNCH_ARGS });
    try {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(HARNESS);
      const { page, cdp, columns } = await setUp(context, server.url, TEST_RUN_MODEL, ROWS);
      if (columns.length !== columnsWanted) throw new Error(`test-run bench: the grid has the columns ${JSON.stringify(columns)}, not ${columnsWanted}`);
      console.log(`the page: /api/models advertises concurrentStreams ${streams}; columns ${columns.map((c) => `"${c}"`).join(" and ")}; ${CHECKS.length} checks; ${count(ROWS)} rows pasted through "Paste rows"`);

      const run = await runAll(page, cdp, cells, "run");
      const wall = run.record.end - run.record.click;
      const durations = run.streams.map((c) => c.ms);
      const busyStreams = durations.reduce((a, b) => a + b, 0) / wall;
      const singles = await singleCells(page, `${columns[0]}, row 1`, SINGLE_RUNS);
      const reply = med(singles);
      const ideal = (cells * reply) / TARGET.streams;
      const percent = (key: keyof Metrics) => ((run.metrics[key] / run.windowMs) * 100).toFixed(1);
      console.log(
        `a reply alone: one cell re-run in the page (its "running" to its "done") ${stat(singles)} (${SINGLE_RUNS} runs); the same reply through /api/chat from Node ${stat(routeTimes)}`,
      );
      console.log(
        `Run all to the progress bar's "${cells} of ${cells} cells": ${secs(wall)} | ideal ${count(cells)} × ${fmt(reply)} ÷ ${TARGET.streams} = ${secs(ideal)} → ${(wall / ideal).toFixed(3)}× (target within ${TARGET.wallWithinPercent}%: ≤ ${(1 + TARGET.wallWithinPercent / 100).toFixed(2)}×)` +
          ` | each cell's stream in the run (chromium's network: sent to body end) ${stat(durations)}; ${busyStreams.toFixed(2)} of ${TARGET.streams} streams busy on average; ${durations.length} streams ended${run.unfinished ? ` (${run.unfinished} with no end seen)` : ""}; the summary row: ${run.replies.done} of ${cells} cells done, ${run.replies.failed} failed`,
      );
      console.log(
        `  main thread busy ${percent("TaskDuration")}% of ${secs(run.windowMs)} (target ≤ ${TARGET.busyPercent}%; CPU ${percent("ThreadTime")}%, script ${percent("ScriptDuration")}%, style ${percent("RecalcStyleDuration")}%, layout ${percent("LayoutDuration")}%)` +
          ` | ${longTaskLine(run.longTasks, run.record.click)} | ${longFrameLine(run.longFrames)}`,
      );
      await measureScroll(page, cdp, ROWS, columns.length, `scroll-${ROWS}`);
      await context.close();

      if (SCROLL_ROWS) {
        const big = await browser.newContext({ viewport: VIEWPORT });
        await big.addInitScript(HARNESS);
        const filled = await setUp(big, server.url, TEST_RUN_FAST_MODEL, SCROLL_ROWS);
        const fill = await runAll(filled.page, filled.cdp, SCROLL_ROWS * columnsWanted, `fill-${SCROLL_ROWS}`);
        const fillWall = fill.record.end - fill.record.click;
        console.log(
          `${count(SCROLL_ROWS)} rows × ${filled.columns.length} columns filled with the same replies, ${replyShape(TEST_RUN_FAST_MODEL)} (not against a target): ${secs(fillWall)},` +
            ` main thread busy ${((fill.metrics.TaskDuration / fill.windowMs) * 100).toFixed(1)}% | ${longTaskLine(fill.longTasks, fill.record.click, false)}`,
        );
        await measureScroll(filled.page, filled.cdp, SCROLL_ROWS, filled.columns.length, `scroll-${SCROLL_ROWS}`);
        await big.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    server.stop();
  }
}
