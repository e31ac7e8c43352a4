/**
 * Conversations in chromium against the production build (issue 23's targets): a conversation of
 * 500 messages across 50 branches (./conversation-data.ts) written into the page's localStorage as
 * the conversation store persists it (zustand persist, version 2, `{ id, tree }`), and a history
 * of 1,000 conversations written into IndexedDB as lib/store/history/conversation-history.ts keeps
 * them (database "playground-conversations", stores "conversations" and "index" with the records
 * "listings" and "texts"). That conversation is the newest of the 1,000, and open throughout.
 * Prints, beside the targets, medians, p95 and the worst of several tries:
 * - switch: a click on "Next version" or "Previous version" of a message, at depths along the whole
 *   100-message path: the main-thread work of the click until the page is idle (CDP TaskDuration,
 *   less the measuring window's own), beside the target; the time until the other version's path
 *   is in the DOM (its last message's text, the reply by the navigator as markdown, style and
 *   layout done) and the next painted frame. Apart: what the switch schedules for later (the
 *   stored conversation written ~400 ms later, History saved ~600 ms later), and long tasks then;
 * - reload: the page reloaded with that conversation stored. "Restore" runs from the app's read of
 *   localStorage (the store's rehydration) until the whole shown path is in the DOM, every reply's
 *   text there and the last reply (in view: the page keeps the end in view) rendered as markdown,
 *   style and layout done: the figure beside the target. (Today a reply shows no text until its
 *   markdown renders, so that is every reply's markdown.) Also from the navigation's start, and an
 *   empty conversation's reload for comparison;
 * - History: the click on "History" to its list drawn (first 100 rows, the heading counting 1,000),
 *   first in the page (the listings read from IndexedDB) and again; a search keystroke's
 *   main-thread work until idle and its keydown to the filtered list, the first search in a page
 *   (which reads the texts index, every conversation's text) apart from the others.
 * Each clock starts in the page at the event the real click or keystroke fires (playwright sends
 * them); elements are found by the page's own DOM queries, never playwright's role locators (see
 * docs/benchmarks.md, prompts). BENCH_CONVERSATIONS_PROFILE=<dir> writes CPU profiles of one
 * switch, one reload, one first open of History, one first search and the keystrokes of one search (it slows them: take figures
 * from a run without it); BENCH_CONVERSATIONS_TRACE=<dir> writes performance traces of the same instead.
 * BENCH_CONVERSATIONS_PARTS=reload,switch,open,search runs only those parts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type CDPSession, type Page } from "@playwright/test";
import { byLastChange, searchConversations, type ConversationListing } from "../lib/store/history/conversation-listing";
import { treeOf } from "../lib/tree/conversation-tree";
import type { UiMessage } from "../lib/store/ui-message";
import { BRANCHY, branchyConversation, history, HISTORY_SIZE, type BranchyConversation, type History } from "./conversation-data";
import { mainThreadTimes, settled, type MainThreadTimes } from "./rendering";
import { CONVERSATION_TARGETS as TARGET } from "./targets";
import { percentile } from "./stats";

const STORE_KEY = "playground-conversation";
/** Fork points switched (of 35, spread along the path): Next version there, then Previous version back. */
const SWITCH_FORKS = [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33];
/** After a switch: long enough for the stored conversation (400 ms) and the History save (600 ms) to be written. */
const FOLLOW_UP_MS = 1500;
const RELOADS = 7;
const OPEN_TRIES = 5;
/**
 * The first keystroke of a search in a page, one page each: letters that narrow the list (almost
 * every conversation has each common letter), so the filtered list, which needs the texts, shows
 * when they are read and searched.
 */
const FIRST_KEYS = ["q", "j", "z", "x", "q"];
/** Typed a character at a time, each keystroke measured; the search is cleared between them. */
const QUERIES = ["kafka", "backoff", "lighthouse", "churn", "timeout"];

// ---- The page side. Strings, not functions: tsx would wrap named helpers in a `__name` the page lacks. ----

/**
 * Installed before the app's scripts on every navigation: long tasks; `arm(trigger, ready)`, whose
 * `result` resolves once `ready()` holds after the next `trigger` event (checked after each DOM
 * change, then style and layout forced: "work"), and after the next painted frame ("painted"),
 * both from that event; and, when the tab's sessionStorage asks for it, the reload's milestones
 * (the read of the stored conversation, data-ready, the path's items, their text rendered).
 */
const HARNESS = `(() => {
  const b = (window.__bench = { longTasks: [], armed: null, restore: null });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true });
  for (const type of ["click", "keydown"]) {
    addEventListener(type, () => { const a = b.armed; if (a && a.trigger === type && !a.start) a.start = performance.now(); }, true);
  }
  b.arm = (trigger, ready) => {
    const a = { trigger, start: 0, done: false };
    a.result = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (a.done || !a.start || !ready()) return;
        a.done = true;
        observer.disconnect();
        document.body.getBoundingClientRect();
        const work = performance.now() - a.start;
        requestAnimationFrame(() => setTimeout(() => resolve({ work, painted: performance.now() - a.start })));
      });
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      setTimeout(() => { if (!a.done) { observer.disconnect(); resolve(null); } }, 60000);
    });
    b.armed = a;
  };

  const expected = JSON.parse(sessionStorage.getItem("bench-restore") || "null");
  if (!expected) return;
  const r = (b.restore = { readStart: 0, ready: 0, list: 0, rendered: 0, painted: 0 });
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (key) {
    if (key !== ${JSON.stringify(STORE_KEY)} || r.readStart) return getItem.call(this, key);
    r.readStart = performance.now();
    return getItem.call(this, key);
  };
  // Checked once a frame (the frame in which it holds is the first to show it): checking on
  // every DOM change, while React renders 100 messages, cost the page about 100 ms itself.
  r.result = new Promise((resolve) => {
    const check = () => {
      if (!r.ready && document.querySelector('[data-ready="true"]')) r.ready = performance.now();
      if (expected.count === 0) return !!r.ready;
      const list = document.querySelector('ol[aria-label="Conversation"]');
      if (!list || list.childElementCount !== expected.count) return false;
      if (!r.list) r.list = performance.now();
      if (list.querySelector('[data-testid="reply-text"]:empty')) return false;
      const users = list.querySelectorAll('[data-testid="message-text"]');
      if (users[0]?.textContent !== expected.first || users[users.length - 1]?.textContent !== expected.lastUser) return false;
      // The last reply, in view after a reload (the page keeps the end in view), as markdown.
      const last = list.lastElementChild.querySelector('[data-testid="reply-text"]');
      return !!last?.querySelector(".markdown") && !!last.textContent?.startsWith(expected.lastReply);
    };
    const frame = () => {
      if (!check()) return requestAnimationFrame(frame);
      document.body.getBoundingClientRect();
      r.rendered = performance.now();
      requestAnimationFrame(() => setTimeout(() => { r.painted = performance.now(); resolve(r); }));
    };
    requestAnimationFrame(frame);
    setTimeout(() => resolve(null), 60000);
  });
})();`;

/** Until the page has rendered a frame and been idle twice: whatever a change scheduled (but not its timers) has run. */
const QUIET = `new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => requestIdleCallback(() => requestIdleCallback(() => resolve(null), { timeout: 2000 }), { timeout: 2000 }))))`;
const quiet = (page: Page) => page.evaluate(QUIET);

interface Timed {
  /** From the event to the change in the DOM with style and layout done. */
  work: number;
  /** From the event to after the next painted frame. */
  painted: number;
}

const arm = (page: Page, trigger: "click" | "keydown", ready: string) => page.evaluate(`window.__bench.arm(${JSON.stringify(trigger)}, () => (${ready}))`);

/** What the page shows when an expectation failed: the conversation's length, and its navigators' places. */
const PAGE_STATE = `(() => { const list = document.querySelector('ol[aria-label="Conversation"]'); if (!list) return "no conversation"; const places = [...list.children].map((li, i) => [i, li.querySelector('[aria-label^="Version "]')?.getAttribute("aria-label")]).filter(([, v]) => v).map(([i, v]) => i + ": " + v); return list.childElementCount + " messages; " + places.join(", ") + "; last: " + JSON.stringify(list.lastElementChild?.textContent.slice(0, 80)); })()`;

async function armedResult(page: Page, what: string): Promise<Timed> {
  const result = await page.evaluate<Timed | null>("window.__bench.armed.result");
  if (!result) throw new Error(`conversations bench: ${what} never showed what was expected (the page shows ${await page.evaluate<string>(PAGE_STATE)})`);
  return result;
}

type Metrics = MainThreadTimes;
const minus = (a: Metrics, b: Metrics): Metrics => ({
  TaskDuration: (a.TaskDuration - b.TaskDuration) * 1000,
  ThreadTime: (a.ThreadTime - b.ThreadTime) * 1000,
  ScriptDuration: (a.ScriptDuration - b.ScriptDuration) * 1000,
  LayoutDuration: (a.LayoutDuration - b.LayoutDuration) * 1000,
  RecalcStyleDuration: (a.RecalcStyleDuration - b.RecalcStyleDuration) * 1000,
});

const VIEWPORT = { width: 1280, height: 900 };
const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const med = (xs: readonly number[]) => percentile(xs, 50);
const fmt = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const stat = (xs: readonly number[]) => `median ${fmt(med(xs))}, p95 ${fmt(percentile(xs, 95))}, worst ${fmt(Math.max(...xs))}`;
const breakdown = (ms: readonly Metrics[]) =>
  `script ${fmt(med(ms.map((m) => m.ScriptDuration)))}, style ${fmt(med(ms.map((m) => m.RecalcStyleDuration)))}, layout ${fmt(med(ms.map((m) => m.LayoutDuration)))}`;
const mb = (chars: number) => `${(chars / 1e6).toFixed(1)} MB`;

/** BENCH_CONVERSATIONS_PROFILE=<dir>: a CPU profile of `work`, written as <dir>/<name>.cpuprofile (none without a name). */
async function maybeProfiled<T>(cdp: CDPSession, name: string | undefined, work: () => Promise<T>): Promise<T> {
  const traceDir = process.env.BENCH_CONVERSATIONS_TRACE;
  if (traceDir && name) return traced(cdp, path.join(traceDir, `${name}.trace.json`), work);
  const dir = process.env.BENCH_CONVERSATIONS_PROFILE;
  if (!dir || !name) return work();
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const result = await work();
  const { profile } = await cdp.send("Profiler.stop");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  return result;
}

/**
 * BENCH_CONVERSATIONS_TRACE=<dir>: instead of a CPU profile, a performance trace of `work` (the
 * DevTools timeline's events: style, layout, paint, GC, each task), for what a profile shows only
 * as "(program)". Open it in DevTools' Performance panel.
 */
async function traced<T>(cdp: CDPSession, file: string, work: () => Promise<T>): Promise<T> {
  const events: unknown[] = [];
  const collect = ({ value }: { value: unknown[] }) => events.push(...value);
  cdp.on("Tracing.dataCollected", collect);
  await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing,loading", transferMode: "ReportEvents" });
  const result = await work();
  const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
  await cdp.send("Tracing.end");
  await done;
  cdp.off("Tracing.dataCollected", collect);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ traceEvents: events }));
  return result;
}

/** Until `condition` (page JavaScript) holds, checked each frame. (waitForFunction would evaluate it with eval, which the page's CSP forbids.) */
async function waitUntil(page: Page, condition: string): Promise<void> {
  const held = await page.evaluate<boolean>(
    `new Promise((resolve) => { const poll = () => ((${condition}) ? resolve(true) : requestAnimationFrame(poll)); setTimeout(() => resolve(false), 60000); poll(); })`,
  );
  if (!held) throw new Error(`conversations bench: ${condition} never held`);
}

/** Clicks the centre of the element `find` returns with the mouse (a real click through playwright); it must be in view, and on top there. */
async function clickOn(page: Page, find: string): Promise<void> {
  const at = await page.evaluate<{ x: number; y: number; hit: string } | null>(
    `(() => { const el = ${find}; if (!el) return null; const r = el.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2; const top = document.elementFromPoint(x, y); return { x, y, hit: el.contains(top) ? "" : (top?.outerHTML.slice(0, 120) ?? "nothing") + " at " + Math.round(x) + "," + Math.round(y) }; })()`,
  );
  if (!at) throw new Error(`conversations bench: nothing found for ${find}`);
  if (at.hit) throw new Error(`conversations bench: ${find} is covered by ${at.hit}`);
  await page.mouse.click(at.x, at.y);
}

/**
 * Scrolls the element `find` returns to the middle of the viewport. Again until it stays there: a
 * long reply's chunks skipped off screen (content-visibility) take their real height once scrolled
 * to, and the conversation does no scroll anchoring, so the first scroll can land beside it.
 */
async function scrollTo(page: Page, find: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const top = await page.evaluate<number | null>(`(() => { const el = ${find}; if (!el) return null; el.scrollIntoView({ block: "center" }); return el.getBoundingClientRect().top; })()`);
    if (top === null) throw new Error(`conversations bench: nothing found for ${find}`);
    await quiet(page);
    const now = await page.evaluate<number>(`(${find}).getBoundingClientRect().top`);
    if (now > 0 && now < VIEWPORT.height - 50) return;
  }
  throw new Error(`conversations bench: ${find} does not stay in view`);
}

async function loadPage(page: Page): Promise<CDPSession> {
  await page.locator('[data-ready="true"]').waitFor();
  await settled(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  return cdp;
}

/** The main-thread work of the measuring window itself (a quiet wait and two evaluations), to take off each interaction's. */
async function windowOverhead(page: Page, cdp: CDPSession): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    await quiet(page);
    const before = await mainThreadTimes(cdp);
    await page.evaluate("0");
    await quiet(page);
    runs.push(minus(await mainThreadTimes(cdp), before).TaskDuration);
  }
  return med(runs);
}

/** Each query's filter as the History panel runs it (conversation-listing.ts searchConversations: title, then text), timed straight from the page over the stored index. */
function filterCost(page: Page, queries: readonly string[]): Promise<number[]> {
  return page.evaluate(
    (queries) =>
      new Promise<number[]>((resolve, reject) => {
        const request = indexedDB.open("playground-conversations");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const transaction = db.transaction(["index", "texts"], "readonly");
          const listingsRead = transaction.objectStore("index").get("listings");
          const idsRead = transaction.objectStore("texts").getAllKeys();
          const textsRead = transaction.objectStore("texts").getAll();
          transaction.onerror = () => reject(transaction.error);
          transaction.oncomplete = () => {
            db.close();
            const listings = listingsRead.result as { id: string; title: string }[];
            const ids = idsRead.result as string[];
            const texts = Object.fromEntries(ids.map((id, i) => [id, textsRead.result[i] as string]));
            resolve(
              queries.map((q) => {
                const started = performance.now();
                listings.filter((l) => l.title.toLowerCase().includes(q) || texts[l.id]?.includes(q));
                return performance.now() - started;
              }),
            );
          };
        };
      }),
    queries,
  );
}

const longTasksSince = (page: Page, since: number) => page.evaluate<number[]>(`window.__bench.longTasks.filter((t) => t.start >= ${since}).map((t) => t.duration)`);
const pageNow = (page: Page) => page.evaluate<number>("performance.now()");

// ---- Seeding ----

/** The conversation as the store persists it (zustand persist, version 2). */
const storedConversation = (conversation: BranchyConversation) => JSON.stringify({ state: { id: conversation.id, tree: conversation.tree }, version: 2 });

/** Writes the conversation as the store persists it, and the history as conversation-history.ts keeps it, from a same-origin page without the app (nothing of the app's may write over them). */
/** Stores `conversation` as the page's open one (the store's localStorage record), from a page of `app`'s origin. */
async function storeOpen(page: Page, app: string, conversation: BranchyConversation): Promise<void> {
  await page.goto(`${app}/api/health/live`);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [STORE_KEY, storedConversation(conversation)] as const);
}

async function seed(context: BrowserContext, app: string, conversation: BranchyConversation, saved: History): Promise<void> {
  const page = await context.newPage();
  await storeOpen(page, app, conversation);
  for (let i = 0; i < saved.conversations.length; i += 50) {
    const last = i + 50 >= saved.conversations.length;
    await page.evaluate(
      (batch) =>
        new Promise<void>((resolve, reject) => {
          // Layout 2: each conversation's text in the texts store, by id.
          const request = indexedDB.open("playground-conversations", 2);
          request.onupgradeneeded = () => ["conversations", "texts", "index"].forEach((store) => request.result.createObjectStore(store));
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const transaction = db.transaction(["conversations", "texts", "index"], "readwrite");
            for (const c of batch.conversations) transaction.objectStore("conversations").put(c, c.id);
            for (const [id, text] of Object.entries(batch.texts)) transaction.objectStore("texts").put(text, id);
            if (batch.listings) transaction.objectStore("index").put(batch.listings, "listings");
            transaction.oncomplete = () => (db.close(), resolve());
            transaction.onerror = () => reject(transaction.error);
          };
        }),
      { conversations: saved.conversations.slice(i, i + 50), listings: last ? saved.listings : undefined, texts: Object.fromEntries(saved.conversations.slice(i, i + 50).map((c) => [c.id, saved.texts[c.id]])) },
    );
  }
  await page.close();
}

// ---- Switching versions ----

const LIST = `document.querySelector('ol[aria-label="Conversation"]')`;
const item = (depth: number) => `${LIST}?.children[${depth}]`;
const navButton = (depth: number, label: "Next version" | "Previous version") => `${item(depth)}?.querySelector('[data-testid="version-navigator"] button[aria-label="${label}"]')`;

/**
 * Page JavaScript: the path `path` is shown, from message `depth` on (its navigator says `position`
 * of `count`), its last message's text in the DOM, and the first reply from `depth` on (beside the
 * navigator clicked) rendered as markdown.
 */
function showing(path: readonly UiMessage[], depth: number, position: number, count: number): string {
  const last = path.at(-1)!;
  const lastText =
    last.role === "user"
      ? `${LIST}.lastElementChild.querySelector('[data-testid="message-text"]')?.textContent === ${JSON.stringify(last.content)}`
      : `!!${LIST}.lastElementChild.querySelector('[data-testid="reply-text"]')?.textContent?.startsWith(${JSON.stringify(last.content.split("\n")[0])})`;
  const reply = path.findIndex((m, i) => i >= depth && m.role === "assistant");
  const replyRendered = reply < 0 ? "true" : `!!${item(reply)}?.querySelector('[data-testid="reply-text"] .markdown')?.textContent?.startsWith(${JSON.stringify(path[reply].content.split("\n")[0])})`;
  return `${LIST}?.childElementCount === ${path.length} && !!${item(depth)}?.querySelector('[aria-label="Version ${position} of ${count}"]') && ${lastText} && ${replyRendered}`;
}

interface Switch {
  depth: number;
  direction: "next" | "previous";
  /** Messages on the path from the switched one to the end: what is drawn anew. */
  drawn: number;
  timed: Timed;
  metrics: Metrics;
  /** Main-thread work in the 1.5 s after, less the idle page's, and its long tasks. */
  followUp: number;
  followUpLongTasks: number[];
  /** Long tasks from the click until idle. */
  longTasks: number[];
}

/**
 * "Edit" on each user message at `at` (its text becomes a form), then "Cancel": main-thread work
 * until idle of each click, the floor of a click that changes one message and adds or removes none.
 * With a profile or trace asked for: of the first Edit, as `<profile>`, not kept as a figure.
 */
async function measureEdits(page: Page, cdp: CDPSession, overhead: number, at: readonly number[], profile: string): Promise<{ edits: number[]; cancels: number[] }> {
  const edits: number[] = [];
  const cancels: number[] = [];
  for (const [n, i] of at.entries()) {
    await scrollTo(page, item(i));
    for (const label of ["Edit", "Cancel"] as const) {
      const button = `[...${item(i)}.querySelectorAll("button")].find((b) => b.textContent === ${JSON.stringify(label)})`;
      await quiet(page);
      await arm(page, "click", `${label === "Edit" ? "!!" : "!"}${item(i)}?.querySelector("textarea")`);
      const before = await mainThreadTimes(cdp);
      const profiled = n === 0 && label === "Edit";
      await maybeProfiled(cdp, profiled ? profile : undefined, async () => {
        await clickOn(page, button);
        await armedResult(page, `${label} at message ${i + 1}`);
        await quiet(page);
      });
      if (!(profiled && (process.env.BENCH_CONVERSATIONS_PROFILE || process.env.BENCH_CONVERSATIONS_TRACE))) (label === "Edit" ? edits : cancels).push(minus(await mainThreadTimes(cdp), before).TaskDuration - overhead);
    }
  }
  return { edits, cancels };
}

/** Messages in the short conversation whose Edit and Cancel are the floor without a long page. */
const SHORT = 4;

/** The floor of measureEdits in a page showing a conversation of SHORT messages (the first of the long one's). */
async function measureShortEdits(context: BrowserContext, app: string, conversation: BranchyConversation): Promise<{ edits: number[]; cancels: number[] }> {
  const trunk = conversation.trunk.slice(0, SHORT);
  const page = await context.newPage();
  await storeOpen(page, app, { id: "bench-short-conversation", tree: treeOf(trunk), trunk, forks: [] });
  await page.goto(app);
  const cdp = await loadPage(page);
  const users = trunk.flatMap((m, i) => (m.role === "user" ? [i] : []));
  const result = await measureEdits(page, cdp, await windowOverhead(page, cdp), Array.from({ length: 12 }, (_, i) => users[i % users.length]), "edit-short");
  // The long conversation open again for what follows.
  await storeOpen(page, app, conversation);
  await page.close();
  return result;
}

async function measureSwitches(page: Page, cdp: CDPSession, conversation: BranchyConversation, short: { edits: number[]; cancels: number[] }): Promise<void> {
  const overhead = await windowOverhead(page, cdp);
  // What the idle page costs per ms, taken off each follow-up window.
  const idleBefore = await mainThreadTimes(cdp);
  await page.waitForTimeout(FOLLOW_UP_MS);
  const idleRate = minus(await mainThreadTimes(cdp), idleBefore).TaskDuration / FOLLOW_UP_MS;

  const switches: Switch[] = [];
  const { trunk } = conversation;
  /** One click, measured; with `profile`, CPU profiles of it (`<profile>`) and of what it schedules (`<profile>-after`), not kept as a figure. */
  const once = async (depth: number, direction: Switch["direction"], to: readonly UiMessage[], position: number, count: number, profile?: string) => {
    const button = navButton(depth, direction === "next" ? "Next version" : "Previous version");
    await scrollTo(page, button);
    await quiet(page);
    await arm(page, "click", showing(to, depth, position, count));
    const clicked = await pageNow(page);
    const before = await mainThreadTimes(cdp);
    const { timed, metrics } = await maybeProfiled(cdp, profile, async () => {
      await clickOn(page, button);
      const timed = await armedResult(page, `the ${direction} version at message ${depth + 1}`);
      await quiet(page);
      return { timed, metrics: minus(await mainThreadTimes(cdp), before) };
    });
    const since = await pageNow(page);
    const longTasks = await longTasksSince(page, clicked);
    const afterBefore = await mainThreadTimes(cdp);
    await maybeProfiled(cdp, profile && `${profile}-after`, async () => {
      await page.waitForTimeout(FOLLOW_UP_MS);
      await quiet(page);
    });
    const followUp = minus(await mainThreadTimes(cdp), afterBefore).TaskDuration - idleRate * FOLLOW_UP_MS;
    if (!profile) switches.push({ depth, direction, drawn: to.length - depth, timed, metrics: { ...metrics, TaskDuration: metrics.TaskDuration - overhead }, followUp, followUpLongTasks: await longTasksSince(page, since), longTasks });
  };
  for (const f of SWITCH_FORKS) {
    const { depth, versions } = conversation.forks[f];
    const count = versions.length + 1;
    await once(depth, "next", [...trunk.slice(0, depth), ...versions[0]], 2, count);
    await once(depth, "previous", trunk, 1, count);
  }
  // One more pair in the middle of the path, profiled, when asked.
  if (process.env.BENCH_CONVERSATIONS_PROFILE || process.env.BENCH_CONVERSATIONS_TRACE) {
    const { depth, versions } = conversation.forks[Number(process.env.BENCH_CONVERSATIONS_PROFILE_FORK ?? SWITCH_FORKS[SWITCH_FORKS.length / 2])];
    await once(depth, "next", [...trunk.slice(0, depth), ...versions[0]], 2, versions.length + 1, "switch-next");
    await once(depth, "previous", trunk, 1, versions.length + 1, "switch-previous");
  }

  // The page's own floor for a click that changes one message, near each fork.
  const floor = await measureEdits(page, cdp, overhead, SWITCH_FORKS.map((f) => trunk.findIndex((m, i) => i >= conversation.forks[f].depth && m.role === "user")), "edit");

  const work = switches.map((s) => s.metrics.TaskDuration);
  const longDuring = switches.flatMap((s) => s.longTasks);
  console.log(
    `switch a version (${switches.length} clicks on Next/Previous version at ${SWITCH_FORKS.length} depths, messages ${switches[0].depth + 1}–${switches.at(-1)!.depth + 1} of ${BRANCHY.trunk}):` +
      ` main-thread work until idle ${stat(work)} (target ≤ ${TARGET.switchMs} ms; ${breakdown(switches.map((s) => s.metrics))}; less ${fmt(overhead)}, the measuring window's own)` +
      ` | click to the new path in the DOM ${stat(switches.map((s) => s.timed.work))} | to the next painted frame ${stat(switches.map((s) => s.timed.painted))}` +
      ` | long tasks > 50 ms: ${longDuring.length}${longDuring.length ? ` (median ${fmt(med(longDuring))}, worst ${fmt(Math.max(...longDuring))})` : ""}`,
  );
  console.log(`  the page's floor, a click that changes one message's insides: "Edit" on a user message (its text becomes a form) ${stat(floor.edits)}, "Cancel" ${stat(floor.cancels)}; the same in a conversation of ${SHORT} messages: ${stat(short.edits)}, ${stat(short.cancels)}`);
  // By how much of the path is drawn anew: a switch near the top replaces almost the whole conversation.
  const byDrawn = [...switches].sort((a, b) => b.drawn - a.drawn);
  const third = Math.ceil(byDrawn.length / 3);
  const groups = [byDrawn.slice(0, third), byDrawn.slice(third, 2 * third), byDrawn.slice(2 * third)];
  console.log(
    `  by messages drawn anew: ` +
      groups.map((g) => `${Math.min(...g.map((s) => s.drawn))}–${Math.max(...g.map((s) => s.drawn))} messages: work ${fmt(med(g.map((s) => s.metrics.TaskDuration)))} median, ${fmt(Math.max(...g.map((s) => s.metrics.TaskDuration)))} worst`).join("; "),
  );
  const followLong = switches.flatMap((s) => s.followUpLongTasks);
  console.log(
    `  after each switch (the stored conversation written at ~400 ms, History saving it at ~600 ms), in the next ${FOLLOW_UP_MS / 1000} s: main-thread work ${stat(switches.map((s) => s.followUp))}` +
      ` | long tasks > 50 ms: ${followLong.length} in ${switches.length} switches${followLong.length ? ` (median ${fmt(med(followLong))}, worst ${fmt(Math.max(...followLong))})` : ""}`,
  );
}

// ---- Reload ----

/** A reload's milestones, in ms from the navigation's start. */
interface Restored {
  readStart: number;
  ready: number;
  list: number;
  rendered: number;
  painted: number;
}

/** Reloads the page `RELOADS` times, each once it is loaded and idle (what it loads when idle in the cache, as for a person), with the restore watcher on. */
async function reloads(page: Page, expected: { count: number; first?: string; lastUser?: string; lastReply?: string }, profile?: string): Promise<(Restored & { longTasks: number[] })[]> {
  await page.evaluate((value) => sessionStorage.setItem("bench-restore", value), JSON.stringify(expected));
  const runs: (Restored & { longTasks: number[] })[] = [];
  for (let i = 0; i < RELOADS; i++) {
    await page.locator('[data-ready="true"]').waitFor();
    await settled(page);
    const reload = async () => {
      await page.reload({ waitUntil: "commit" });
      return page.evaluate<Restored | null>("window.__bench.restore?.result ?? null");
    };
    const restored = i === 0 && profile ? await maybeProfiled(await page.context().newCDPSession(page), profile, reload) : await reload();
    if (!restored) throw new Error("conversations bench: the reloaded page never showed the stored conversation");
    const longTasks = await page.evaluate<number[]>(`window.__bench.longTasks.filter((t) => t.start + t.duration > ${restored.readStart} && t.start < ${restored.rendered}).map((t) => t.duration)`);
    runs.push({ ...restored, longTasks });
  }
  await page.evaluate(() => sessionStorage.removeItem("bench-restore"));
  return runs;
}

async function measureReload(context: BrowserContext, empty: BrowserContext, app: string, conversation: BranchyConversation): Promise<void> {
  const users = conversation.trunk.filter((m) => m.role === "user");
  const lastReply = conversation.trunk.findLast((m) => m.role === "assistant")!;
  const page = await context.newPage();
  await page.goto(app);
  const runs = await reloads(page, { count: conversation.trunk.length, first: users[0].content, lastUser: users.at(-1)!.content, lastReply: lastReply.content.split("\n")[0] }, "reload");
  // What the store's rehydration itself costs: the stored conversation read and parsed, straight from the page.
  const parses: number[] = [];
  for (let i = 0; i < 7; i++) parses.push(await page.evaluate<number>(`(() => { const t = performance.now(); JSON.parse(localStorage.getItem(${JSON.stringify(STORE_KEY)})); return performance.now() - t; })()`));
  await page.close();
  // The same reload with nothing stored: what the page costs without the conversation.
  const emptyPage = await empty.newPage();
  await emptyPage.goto(app);
  const emptyRuns = await reloads(emptyPage, { count: 0 });
  await emptyPage.close();

  const restore = runs.map((r) => r.rendered - r.readStart);
  const allLong = runs.flatMap((r) => r.longTasks);
  console.log(
    `reload restores the conversation (${BRANCHY.messages} messages, ${BRANCHY.branches} branches, ${mb(JSON.stringify(conversation.tree).length)} stored; the ${conversation.trunk.length}-message path shown; ${RELOADS} reloads):` +
      ` from the store's read of localStorage to the shown path rendered (every reply's text, the last as markdown, style and layout done) ${stat(restore)} (target ≤ ${TARGET.restoreMs} ms)` +
      ` | long tasks in it: ${med(runs.map((r) => r.longTasks.length))} per reload (median), longest ${allLong.length ? fmt(Math.max(...allLong)) : "none"}` +
      ` | of which reading and parsing the stored conversation, straight from the page: ${stat(parses)}`,
  );
  console.log(
    `  from the navigation's start (medians): the read ${fmt(med(runs.map((r) => r.readStart)))}, data-ready ${fmt(med(runs.map((r) => r.ready)))}, the path's ${conversation.trunk.length} items in the DOM ${fmt(med(runs.map((r) => r.list)))},` +
      ` rendered ${stat(runs.map((r) => r.rendered))}, the next painted frame ${fmt(med(runs.map((r) => r.painted)))}` +
      ` | an empty conversation's reload for comparison: the read ${fmt(med(emptyRuns.map((r) => r.readStart)))}, data-ready ${stat(emptyRuns.map((r) => r.ready))}`,
  );
}

// ---- History ----

const HISTORY_BUTTON = `[...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "History")`;
const CLOSE_BUTTON = `document.querySelector("dialog[open] > div > div:first-child > button")`;
const SEARCH_BOX = `document.querySelector('dialog[open] input[type="search"]')`;
/** The rows drawn (the list draws those near the dialog's view; the others stand as aria-hidden room). */
const ROWS = `(document.querySelector('dialog[open] ul[aria-label="Conversations"]')?.querySelectorAll(":scope > li:not([aria-hidden])").length ?? -1)`;
const FIRST_ROW = `document.querySelector('dialog[open] ul[aria-label="Conversations"] > li:not([aria-hidden])')?.getAttribute("aria-posinset")`;
const HEADING = `document.querySelector('dialog[open] ul[aria-label="Conversations"]')?.closest("section")?.querySelector("h3")?.textContent`;
const heading = (shown: number) => `Conversations (${shown}${shown !== HISTORY_SIZE ? ` of ${HISTORY_SIZE}` : ""})`;
/** The heading counts `shown` and the list is drawn from its top (none drawn when nothing matches). */
const listed = (shown: number) => `${HEADING} === ${JSON.stringify(heading(shown))} && ${shown ? `${ROWS} > 0 && ${FIRST_ROW} === "1"` : `${ROWS} === 0`}`;

async function timeOpen(page: Page, cdp: CDPSession): Promise<Timed & { metrics: Metrics }> {
  await scrollTo(page, HISTORY_BUTTON);
  await quiet(page);
  await arm(page, "click", listed(HISTORY_SIZE));
  const before = await mainThreadTimes(cdp);
  await clickOn(page, HISTORY_BUTTON);
  const timed = await armedResult(page, "opening History");
  await quiet(page);
  return { ...timed, metrics: minus(await mainThreadTimes(cdp), before) };
}

async function closeHistory(page: Page) {
  await clickOn(page, CLOSE_BUTTON);
  await waitUntil(page, `!document.querySelector("dialog[open]")`);
}

type Opened = Timed & { metrics: Metrics };

/** History opened in new tabs of the context, first in the page (its code loaded when idle, as for a person) and again. */
async function opens(context: BrowserContext, app: string, profile?: string): Promise<{ first: Opened[]; again: Opened[] }> {
  const first: Opened[] = [];
  const again: Opened[] = [];
  for (let i = 0; i < OPEN_TRIES; i++) {
    const page = await context.newPage();
    await page.goto(app);
    const cdp = await loadPage(page);
    first.push(await maybeProfiled(cdp, i === 0 ? profile : undefined, () => timeOpen(page, cdp)));
    await closeHistory(page);
    again.push(await timeOpen(page, cdp));
    await closeHistory(page);
    await page.close();
  }
  return { first, again };
}

/** Sets (or, with undefined, removes) the stored conversation, from a page without the app. */
async function storeConversation(context: BrowserContext, app: string, value: string | undefined): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${app}/api/health/live`);
  await page.evaluate(([key, value]) => (value === undefined ? localStorage.removeItem(key) : localStorage.setItem(key, value)), [STORE_KEY, value] as const);
  await page.close();
}

async function measureOpen(context: BrowserContext, app: string, saved: History, stored: string): Promise<void> {
  const behind = await opens(context, app, "history-open");
  await storeConversation(context, app, undefined);
  const alone = await opens(context, app);
  await storeConversation(context, app, stored);
  const line = (label: string, runs: Opened[], target = true) =>
    `${label}: ${stat(runs.map((r) => r.work))}${target ? ` (target ≤ ${TARGET.historyOpenMs} ms)` : ""} | to the next painted frame ${stat(runs.map((r) => r.painted))}` +
    ` | main-thread work until idle ${fmt(med(runs.map((r) => r.metrics.TaskDuration)))} (${breakdown(runs.map((r) => r.metrics))})`;
  const texts = Object.values(saved.texts).reduce((n, t) => n + t.length, 0);
  const messages = saved.listings.reduce((n, l) => n + l.messageCount, 0);
  const counts = saved.listings.map((l) => l.messageCount);
  console.log(
    `History of ${HISTORY_SIZE.toLocaleString("en-US")} conversations (${messages.toLocaleString("en-US")} messages: median ${med(counts)} a conversation, p95 ${percentile(counts, 95)}, most ${Math.max(...counts)};` +
      ` texts index ${mb(texts)}, listings ${(JSON.stringify(saved.listings).length / 1000).toFixed(0)} KB, every conversation ${mb(JSON.stringify(saved.conversations).length)} as JSON), the ${BRANCHY.trunk}-message path open behind it (${OPEN_TRIES} tabs):`,
  );
  console.log(line(`  open, first in the page (click "History" to the list drawn: the rows in view, the heading counting all)`, behind.first));
  console.log(line("  open again (the listings already read)", behind.again));
  console.log(line("  for comparison, with an empty conversation behind it: open first in the page", alone.first, false) + ` | again ${stat(alone.again.map((r) => r.work))}`);
}

/** One keystroke: its main-thread work until idle, and (when the list changes) the time from the keydown to the filtered list. */
async function keystroke(page: Page, cdp: CDPSession, key: string, expected: number, shown: number): Promise<{ metrics: Metrics; timed?: Timed; longTasks: number[] }> {
  await quiet(page);
  const changes = expected !== shown;
  if (changes) await arm(page, "keydown", listed(expected));
  const since = await pageNow(page);
  const before = await mainThreadTimes(cdp);
  await page.keyboard.press(key);
  const timed = changes ? await armedResult(page, `the search after "${key}"`) : undefined;
  if (!changes) await page.evaluate("0");
  await quiet(page);
  // The texts index is read once: its result may come after the first idle period.
  await waitUntil(page, listed(expected));
  await quiet(page);
  return { metrics: minus(await mainThreadTimes(cdp), before), timed, longTasks: await longTasksSince(page, since) };
}

async function openHistory(page: Page): Promise<void> {
  await scrollTo(page, HISTORY_BUTTON);
  await clickOn(page, HISTORY_BUTTON);
  await waitUntil(page, listed(HISTORY_SIZE));
  await page.evaluate(`${SEARCH_BOX}.focus()`);
}

async function measureSearch(context: BrowserContext, app: string, saved: History): Promise<void> {
  const listings: ConversationListing[] = [...saved.listings].sort(byLastChange);
  const count = (query: string) => searchConversations(listings, saved.texts, query).length;

  // The first search in a page: its first keystroke reads every conversation's text.
  const firsts: { metrics: Metrics; timed?: Timed; longTasks: number[] }[] = [];
  let overhead = 0;
  for (const [i, key] of FIRST_KEYS.entries()) {
    const page = await context.newPage();
    await page.goto(app);
    const cdp = await loadPage(page);
    if (i === 0) overhead = await windowOverhead(page, cdp);
    await openHistory(page);
    firsts.push(await (i === 0 ? maybeProfiled(cdp, "first-search", () => keystroke(page, cdp, key, count(key), HISTORY_SIZE)) : keystroke(page, cdp, key, count(key), HISTORY_SIZE)));
    await page.close();
  }
  const firstLong = firsts.flatMap((f) => f.longTasks);
  console.log(
    `  first search keystroke in a page (reads the texts index; "${FIRST_KEYS.join('", "')}", a page each, ${FIRST_KEYS.map(count).join(", ")} shown): main-thread work until idle ${stat(firsts.map((f) => f.metrics.TaskDuration - overhead))} (target ≤ ${TARGET.keystrokeMs} ms; ${breakdown(firsts.map((f) => f.metrics))})` +
      ` | keydown to the filtered list ${stat(firsts.flatMap((f) => (f.timed ? [f.timed.work] : [])))} | long tasks > 50 ms: ${firstLong.length}${firstLong.length ? ` (${firstLong.map(fmt).join(", ")})` : ""}`,
  );

  // Then keystroke after keystroke, in one page, the texts in hand after the first.
  const page = await context.newPage();
  await page.goto(app);
  const cdp = await loadPage(page);
  overhead = await windowOverhead(page, cdp);
  await openHistory(page);
  await keystroke(page, cdp, "x", count("x"), HISTORY_SIZE);
  await page.keyboard.press("Backspace");
  await waitUntil(page, listed(HISTORY_SIZE));
  let shown = HISTORY_SIZE;
  const typed: Metrics[] = [];
  /** Keystrokes after which the same conversations show (the list is not redrawn), and the others. */
  const unchanged: number[] = [];
  const changed: number[] = [];
  const filtered: Timed[] = [];
  const cleared: Metrics[] = [];
  const long: number[] = [];
  const steps: string[] = [];
  for (const [q, query] of QUERIES.entries()) {
    const counts: number[] = [];
    // The second query's keystrokes profiled (or traced) as one: the first query's warm the page up.
    await maybeProfiled(cdp, q === 1 ? "search-keystrokes" : undefined, async () => {
      for (let n = 1; n <= query.length; n++) {
        const expected = count(query.slice(0, n));
        counts.push(expected);
        const { metrics, timed, longTasks } = await keystroke(page, cdp, query[n - 1], expected, shown);
        typed.push(metrics);
        (expected === shown ? unchanged : changed).push(metrics.TaskDuration - overhead);
        if (timed) filtered.push(timed);
        long.push(...longTasks);
        shown = expected;
      }
    });
    steps.push(`"${query}" ${counts.join("→")}`);
    await page.keyboard.press("Control+A");
    const { metrics } = await keystroke(page, cdp, "Backspace", HISTORY_SIZE, shown);
    cleared.push(metrics);
    shown = HISTORY_SIZE;
  }
  console.log(
    `  search keystroke, the texts in hand (${typed.length} keystrokes; conversations shown after each: ${steps.join(", ")}): main-thread work until idle ${stat(typed.map((m) => m.TaskDuration - overhead))}` +
      ` (target ≤ ${TARGET.keystrokeMs} ms; ${breakdown(typed)}; less ${fmt(overhead)}, the measuring window's own) | keydown to the filtered list, where it changed (${filtered.length}): ${stat(filtered.map((t) => t.work))},` +
      ` to the next painted frame ${stat(filtered.map((t) => t.painted))} | long tasks > 50 ms: ${long.length}`,
  );
  console.log(`  of which a keystroke leaving the list as it was (the floor: the field, the filter, a frame) ${stat(unchanged)} (${unchanged.length}); one changing the list ${stat(changed)} (${changed.length})`);
  console.log(`  clear the search (Backspace on the selected query, back to ${HISTORY_SIZE.toLocaleString("en-US")}): main-thread work ${stat(cleared.map((m) => m.TaskDuration - overhead))}`);
  const prefixes = QUERIES.flatMap((q) => [...q].map((_, n) => q.slice(0, n + 1)));
  const filters = await filterCost(page, prefixes);
  console.log(`  of which the filter alone (every typed prefix over the ${HISTORY_SIZE.toLocaleString("en-US")} titles, then the texts), straight from the page: ${stat(filters)}`);
  await page.close();
}

export async function measureConversations(app: string): Promise<void> {
  console.log(
    `\n== Conversations in the browser: ${BRANCHY.messages} messages across ${BRANCHY.branches} branches (switch a version, reload); a History of ${HISTORY_SIZE.toLocaleString("en-US")} conversations (open, search) ==`,
  );
  const conversation = branchyConversation();
  const saved = history([{ id: conversation.id, tree: conversation.tree, model: "mistralai/Mixtral-8x7B-Instruct-v0.1", updatedAt: new Date(Date.UTC(2026, 11, 1)).toISOString() }]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: LAUNCH_ARGS });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(HARNESS);
    await seed(context, app, conversation, saved);
    const parts = new Set((process.env.BENCH_CONVERSATIONS_PARTS ?? "reload,switch,open,search").split(","));
    if (parts.has("reload")) {
      const empty = await browser.newContext({ viewport: VIEWPORT });
      await empty.addInitScript(HARNESS);
      await measureReload(context, empty, app, conversation);
      await empty.close();
    }
    if (parts.has("switch")) {
      const short = await measureShortEdits(context, app, conversation);
      const page = await context.newPage();
      await page.goto(app);
      await measureSwitches(page, await loadPage(page), conversation, short);
      await page.close();
    }
    if (parts.has("open")) await measureOpen(context, app, saved, storedConversation(conversation));
    if (parts.has("search")) await measureSearch(context, app, saved);
  } finally {
    await browser.close();
  }
}
