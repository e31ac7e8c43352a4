/**
 * The prompt library in chromium against the production build, with 1,000 prompts × 20 versions
 * written into the page's IndexedDB as the app keeps them (lib/client/prompt-library.ts: database
 * "playground-prompts" at version 2, object store "prompts" with one Prompt per record keyed by
 * its id, and "index" whose record "listings" holds every prompt's listing). Prints,
 * beside the targets, medians of several tries and the worst:
 * - open: the click on "Prompts" to the list of the 1,000 saved prompts drawn (the rows in view) (style and layout done), the
 *   first time in a page load (the panel's code is loaded and the library read then) and again;
 * - search: the main-thread work of one keystroke in "Search prompts", until the page is idle
 *   again, and the time from the keydown to the filtered list (where the list changes);
 * - diff: choosing "From version" in the Versions view of a prompt whose 20 versions have 20 KB
 *   system messages that differ in places, to the diff rendered;
 * - variables: typing into a 20 KB System Message that uses 30 `{{var_N}}`: long tasks during the
 *   typing and the second after it, the longest task (from a trace), and main-thread time per keystroke.
 * Each clock starts in the page, at the event a real click, keystroke or choice fires (playwright
 * sends them), so no protocol round trip is timed. BENCH_PROMPTS_PROFILE=<dir> also writes a CPU
 * profile of one try of each (it slows them: read the figures of a run without it).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "@playwright/test";
import { DEFAULT_PARAMS } from "../lib/params";
import { listingOf, searchListings } from "../lib/prompts/listing";
import type { Prompt, PromptVersion } from "../lib/prompts/prompt";
import { mainThreadTimes, settled, type MainThreadTimes } from "./rendering";
import { percentile } from "./stats";

const PROMPTS = 1000;
const VERSIONS = 20;
const TARGET_OPEN_MS = 100;
const TARGET_KEYSTROKE_MS = 16;
const TARGET_DIFF_MS = 50;
const TARGET_LONG_TASK_MS = 50;
const LONG_TEXT_CHARS = 20_000;
const VARIABLES = 30;

const OPEN_TRIES = 7;
/** Typed a character at a time, each keystroke measured on its own; the search is cleared between them. */
const QUERIES = ["refund", "triage", "empath", "sql", "translat"];
/** "From version" choices against the newest (20), each a new diff: versions that differ in places, and the first draft (every eighth clause reworded) in between. */
const FROM_VERSIONS = [2, 4, 6, 8, 10, 12, 14, 16, 18];
const FIRST_DRAFT = 1;
const VERSIONS_VIEW_TRIES = 5;
const TYPING_RUNS = 5;
const TYPED = "Quote the clause number in every answer. ";
/** A quick typist: ten characters a second. */
const KEY_INTERVAL_MS = 100;

// ---- The library: deterministic, so the expected search results are known here. ----

function random(seed: number): () => number {
  // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STYLES = ["Concise", "Friendly", "Formal", "Detailed", "Playful", "Neutral", "Empathetic", "Technical", "Executive", "Plain-language"];
const DOMAINS = ["billing", "refunds", "onboarding", "shipping", "returns", "security", "payroll", "recruiting", "legal", "marketing", "sales", "analytics", "DevOps", "database", "frontend", "mobile app", "customer support", "compliance", "finance", "travel"];
const TASKS = [
  { name: "email drafter", does: "Draft a reply to the customer's email below" },
  { name: "ticket triage", does: "Sort the incoming ticket by urgency and say which queue it belongs in" },
  { name: "FAQ answerer", does: "Answer the question using only the knowledge-base excerpts you are given" },
  { name: "summarizer", does: "Summarize the thread below in at most five bullet points" },
  { name: "translator", does: "Translate the message below, keeping product names and SQL untranslated" },
];
const GUIDELINES = [
  "Keep answers under 150 words unless the customer asks for detail.",
  "Never promise a delivery date that the order system has not confirmed.",
  "If the customer is upset, acknowledge it in one sentence before solving anything.",
  "Quote order numbers exactly as they appear, including the leading zeros.",
  "Escalate to a human when a refund is over $500 or the account is flagged.",
  "Do not invent policy: when the excerpts do not cover it, say so and offer to find out.",
  "Use the customer's own words for the product when you can.",
  "End with one clear next step, not a list of options.",
  "Avoid jargon; explain any technical term the first time you use it.",
  "Prefer active voice and short sentences.",
  "When a question has two parts, answer them in the order they were asked.",
  "Mention the relevant help-center article by its title, never by a URL you made up.",
  "If you are unsure about an amount, show how you computed it.",
  "Respect the customer's time: no greetings longer than one line.",
  "Flag anything that looks like a security incident with the word SECURITY in capitals.",
  "Format lists with hyphens, one item per line.",
  "Never ask for a full card number or a password.",
  "When the customer writes in another language, answer in that language.",
  "Keep a calm, warm tone even when the request cannot be granted.",
  "Summarize what you did at the end when you changed anything on the account.",
  "Dates are written as 4 March 2026, times with the customer's time zone.",
  "If the ticket mentions a legal threat, route it to the legal queue without replying.",
  "Prefer the wording of the latest policy excerpt when two excerpts disagree.",
  "Thank the customer once, at the end, not at the start.",
];
const USER_TURNS = [
  "Hi, I was charged twice for my March invoice and I'd like the duplicate refunded as soon as possible.",
  "My parcel has been 'in transit' for nine days. Can you tell me where it actually is?",
  "We're onboarding 40 new people next week; how do I bulk-invite them without sending 40 emails?",
  "The export to CSV cuts off after 10,000 rows. Is that a limit or a bug?",
  "Can you cancel my subscription but keep my data until the end of the year?",
  "The SQL report shows revenue in euros but our account is set to dollars.",
];
const ASSISTANT_TURNS = [
  "Thanks for flagging this. I can see two charges of $49.00 on 3 March; the second one is a duplicate, and I've asked for it to be refunded. You'll see it back on your card within 5 to 7 business days.",
  "I've checked with the carrier: the parcel is at the regional depot and is scheduled for delivery tomorrow between 9:00 and 13:00. I'll keep an eye on it and write again if that changes.",
  "You can invite everyone at once from Settings → Team → Import, with a CSV of names and emails. Each person gets one invitation; nobody is added until they accept.",
];
const FOLLOW_UPS = ["Now write the reply to the next message in the queue.", "Same again for this one, please.", "Do the next ticket the same way.", "Shorter this time, please."];
const NOTES = ["first draft", "shorter answers", "added the escalation rule", "warmer tone", "fixed a variable name", "lower temperature", "handles refunds over $500", "clearer next step", "from the team review", "rolled back the greeting"];

const VARIABLE_SPECS: PromptVersion["variables"] = [
  { name: "customer_name", type: "text", description: "How the customer signs their messages" },
  { name: "language", type: "choice", default: "English", choices: ["English", "French", "German", "Spanish"] },
];

const at = (ms: number) => new Date(Date.UTC(2026, 0, 5) + ms).toISOString();
const HOUR = 3_600_000;

function promptId(next: () => number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return `pr_${Array.from({ length: 22 }, () => alphabet[Math.floor(next() * 64)]).join("")}`;
}

/** A prompt as people iterate on one: each version changes a guideline, the example turns or the temperature. */
function ordinaryPrompt(i: number, next: () => number): Prompt {
  const style = STYLES[i % STYLES.length];
  const domain = DOMAINS[Math.floor(i / STYLES.length) % DOMAINS.length];
  const task = TASKS[Math.floor(i / (STYLES.length * DOMAINS.length)) % TASKS.length];
  const guidelines = [0, 1, 2, 3].map((j) => GUIDELINES[(i * 5 + j * 7) % GUIDELINES.length]);
  const savedFrom = ((i * 7919) % 2000) * 6 * HOUR;
  const versions: PromptVersion[] = [];
  for (let k = 1; k <= VERSIONS; k++) {
    if (k > 1) guidelines[k % guidelines.length] = GUIDELINES[(i + k * 3) % GUIDELINES.length];
    const systemMessage =
      `You are a ${style.toLowerCase()} assistant for the ${domain} team at Northwind. ${task.does}, for {{customer_name}}, in {{language}}. ` +
      `${guidelines.join(" ")} Sign off as "The Northwind ${domain} team".`;
    versions.push({
      version: k,
      createdAt: at(savedFrom + k * 5 * HOUR),
      ...(k % 3 === 1 ? { note: NOTES[(i + k) % NOTES.length] } : {}),
      systemMessage,
      messages: [
        { role: "user", content: `Here is the latest message from {{customer_name}}: "${USER_TURNS[(i + k) % USER_TURNS.length]}"` },
        { role: "assistant", content: ASSISTANT_TURNS[(i + Math.floor(k / 4)) % ASSISTANT_TURNS.length] },
        { role: "user", content: FOLLOW_UPS[(i + k) % FOLLOW_UPS.length] },
      ],
      params: { ...DEFAULT_PARAMS, temperature: Math.round((0.2 + ((i + k) % 9) * 0.1) * 100) / 100 },
      variables: VARIABLE_SPECS,
    });
  }
  return {
    id: promptId(next),
    name: `${style} ${domain} ${task.name}`,
    ...(i % 3 !== 2 ? { description: `Used by the ${domain} team; ${task.does.charAt(0).toLowerCase()}${task.does.slice(1)}.` } : {}),
    versions,
    labels: i % 4 === 0 ? { production: VERSIONS - 2 } : i % 7 === 0 ? { staging: VERSIONS } : {},
  };
}

const LONG_PROMPT_NAME = "Contract clause reviewer (full playbook)";
const ADJECTIVES = ["material", "written", "prior", "reasonable", "express", "sole", "applicable", "mutual", "annual", "undisputed", "final", "separate"];

/** The clauses of a 20 KB playbook: numbered, so no two sentences are alike. */
function playbookSentences(): string[] {
  const sentences: string[] = [];
  let length = 0;
  for (let n = 0; length < LONG_TEXT_CHARS; n++) {
    const heading = n % 8 === 0 ? `\n\n## Part ${n / 8 + 1}\n\n` : "";
    const sentence = `${heading}Clause ${Math.floor(n / 8) + 1}.${(n % 8) + 1}: ${GUIDELINES[(n * 7) % GUIDELINES.length].replace(/\.$/, "")} when reviewing section ${n + 3} of the contract.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences;
}

/**
 * Version k of the playbook: twelve places changed from the base (a clause reworded, words added
 * or swapped), other places for each version, so two versions differ in about 24 places. Version
 * 1, the first draft, differs from all others in every eighth clause: past the 400 edits beyond
 * which the app's word diff stops looking for the smallest one (lib/diff/word-diff.ts).
 */
function playbookVersion(base: readonly string[], k: number): string {
  const sentences = [...base];
  const reword = (at: number, j: number) => (sentences[at] = sentences[at].replace(/: .* when/, `: ${GUIDELINES[(k * 11 + j) % GUIDELINES.length].replace(/\.$/, "")} when`));
  if (k === 1) {
    for (let at = 0; at < sentences.length; at += 8) reword(at, at);
    return sentences.join(" ");
  }
  for (let j = 0; j < 12; j++) {
    const at = (k * 53 + j * 97) % base.length;
    if (j === 0) reword(at, j);
    else if (j % 2) sentences[at] = sentences[at].replace(": ", `: ${ADJECTIVES[(k + j) % ADJECTIVES.length]} `);
    else sentences[at] = sentences[at].replace("the contract", "the agreement");
  }
  return sentences.join(" ");
}

function longPrompt(next: () => number): Prompt {
  const base = playbookSentences();
  const versions: PromptVersion[] = [];
  for (let k = 1; k <= VERSIONS; k++) {
    versions.push({
      version: k,
      createdAt: at(k * 24 * HOUR),
      note: NOTES[k % NOTES.length],
      systemMessage: `You review contracts for Northwind's legal team, clause by clause, for {{counterparty}}. Follow this playbook.\n\n${playbookVersion(base, k)}`,
      messages: [{ role: "user", content: "Review the attached master services agreement: {{contract_text}}" }],
      // A setting that changes too, as it does between real versions.
      params: { ...DEFAULT_PARAMS, temperature: Math.round((0.1 + k * 0.02) * 100) / 100 },
      variables: [
        { name: "counterparty", type: "text" },
        { name: "contract_text", type: "long-text" },
      ],
    });
  }
  return { id: promptId(next), name: LONG_PROMPT_NAME, description: "The legal team's playbook, about 20 KB.", versions, labels: { production: VERSIONS - 1 } };
}

/** 1,000 prompts × 20 versions; the first is the one with 20 KB versions. */
function promptLibrary(): Prompt[] {
  const next = random(42);
  return [longPrompt(next), ...Array.from({ length: PROMPTS - 1 }, (_, i) => ordinaryPrompt(i, next))];
}

/** What the panel's search shows for `query` (components/prompts/prompt-library-panel.tsx). */
function searchCount(library: readonly Prompt[], query: string): number {
  return searchListings(library.map(listingOf), query).length;
}

const savedHeading = (shown: number) => `Saved prompts (${shown}${shown !== PROMPTS ? ` of ${PROMPTS}` : ""})`;

/** 20 KB of instructions that use {{var_1}} … {{var_30}}, each at least once. */
function variablesText(): string {
  const parts: string[] = [];
  let length = 0;
  for (let n = 0; length < LONG_TEXT_CHARS; n++) {
    const part =
      n % 6 === 0
        ? `When the request concerns {{var_${((n / 6) % VARIABLES) + 1}}}, ${GUIDELINES[n % GUIDELINES.length].charAt(0).toLowerCase()}${GUIDELINES[n % GUIDELINES.length].slice(1)}`
        : `${n % 24 === 1 ? "\n\n" : ""}${GUIDELINES[(n * 5) % GUIDELINES.length]}`;
    parts.push(part);
    length += part.length + 1;
  }
  return parts.join(" ");
}

// ---- The page side. Strings, not functions: tsx would wrap named helpers in a `__name` the page lacks. ----

/**
 * Installed before the app's scripts: long tasks; the keydown-to-next-frame time of each keystroke
 * while `trackKeys` is on; and `arm(trigger, ready)`, whose `result` resolves once `ready()` holds
 * after the next `trigger` event (checked after each DOM change, then style and layout forced:
 * "work"), and after the next frame is painted ("painted"), both from that event.
 */
const HARNESS = `(() => {
  const b = (window.__bench = { longTasks: [], keyLatencies: [], trackKeys: false, armed: null });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true });
  for (const type of ["click", "keydown", "input"]) {
    addEventListener(type, () => { const a = b.armed; if (a && a.trigger === type && !a.start) a.start = performance.now(); }, true);
  }
  addEventListener("keydown", () => {
    if (!b.trackKeys) return;
    const t = performance.now();
    requestAnimationFrame(() => setTimeout(() => b.keyLatencies.push(performance.now() - t)));
  }, true);
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
})();`;

/** Until the page has rendered a frame and been idle twice: whatever a change scheduled has run. */
const QUIET = `new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => requestIdleCallback(() => requestIdleCallback(() => resolve(null), { timeout: 2000 }), { timeout: 2000 }))))`;

interface Timed {
  /** From the event to the change in the DOM with style and layout done. */
  work: number;
  /** From the event to after the next painted frame. */
  painted: number;
}

const arm = (page: Page, trigger: "click" | "keydown" | "input", ready: string) => page.evaluate(`window.__bench.arm(${JSON.stringify(trigger)}, () => (${ready}))`);

async function armedResult(page: Page, what: string): Promise<Timed> {
  const result = await page.evaluate<Timed | null>("window.__bench.armed.result");
  if (!result) throw new Error(`prompts bench: ${what} never showed what was expected`);
  return result;
}

const quiet = (page: Page) => page.evaluate(QUIET);

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
const worst = (xs: readonly number[]) => Math.max(...xs);
const fmt = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const stat = (xs: readonly number[]) => `median ${fmt(med(xs))}, worst ${fmt(worst(xs))}`;
/** Script, style and layout medians of several windows (ms). */
const breakdown = (ms: readonly Metrics[]) =>
  `script ${fmt(med(ms.map((m) => m.ScriptDuration)))}, style ${fmt(med(ms.map((m) => m.RecalcStyleDuration)))}, layout ${fmt(med(ms.map((m) => m.LayoutDuration)))}`;

/** BENCH_PROMPTS_PROFILE=<dir>: a CPU profile of `work`, written as <dir>/<name>.cpuprofile. */
async function maybeProfiled<T>(cdp: CDPSession, name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROMPTS_PROFILE;
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

/** Writes the library the way lib/client/prompt-library.ts keeps it (layout 2), a batch per transaction. */
async function seed(page: Page, library: readonly Prompt[]): Promise<void> {
  for (let i = 0; i < library.length; i += 50) {
    await page.evaluate(
      (batch) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open("playground-prompts", 2);
          request.onupgradeneeded = () => ["prompts", "index"].forEach((store) => request.result.createObjectStore(store));
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const transaction = db.transaction(["prompts", "index"], "readwrite");
            for (const prompt of batch.prompts) transaction.objectStore("prompts").put(prompt, prompt.id);
            if (batch.listings) transaction.objectStore("index").put(batch.listings, "listings");
            transaction.oncomplete = () => (db.close(), resolve());
            transaction.onerror = () => reject(transaction.error);
          };
        }),
      { prompts: library.slice(i, i + 50), listings: i + 50 >= library.length ? library.map(listingOf) : undefined },
    );
  }
}

async function loadPage(page: Page): Promise<CDPSession> {
  await page.locator('[data-ready="true"]').waitFor();
  await settled(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  return cdp;
}

/*
 * Elements are found by the page's own DOM queries (in its main world) and clicked with the mouse
 * at their centre, never by playwright's role locators. After one role query over the 1,000-row
 * list (playwright's injected script walks every node, from its own JS world), creating DOM in that
 * page costs about ten times more for good (1,000 detached rows: 20–30 ms before, 210–350 ms after,
 * forced GCs or not). That would be the bench's cost measured as the app's.
 */
const buttonNamed = (scope: string, text: string) => `[...document.querySelectorAll(${JSON.stringify(`${scope} button`)})].find((b) => b.textContent.trim() === ${JSON.stringify(text)})`;
const PROMPTS_BUTTON = buttonNamed("body", "Prompts");
/** The Dialog's own Close button, first in its header (components/ui/dialog.tsx). */
const CLOSE_BUTTON = `document.querySelector("dialog[open] > div > div:first-child > button")`;
const SEARCH_BOX = `document.querySelector('dialog[open] input[type="search"]')`;
/** The control a visible label names (label text → its htmlFor). */
const labelled = (text: string) => `document.getElementById([...document.querySelectorAll("label")].find((l) => l.textContent.trim() === ${JSON.stringify(text)})?.htmlFor ?? "")`;

/** Scrolls the element `find` returns into view and clicks its centre with the mouse (a real click through playwright). */
async function clickOn(page: Page, find: string): Promise<void> {
  const at = await page.evaluate<{ x: number; y: number } | null>(
    `(() => { const el = ${find}; if (!el) return null; el.scrollIntoView({ block: "nearest" }); const r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })()`,
  );
  if (!at) throw new Error(`prompts bench: nothing found for ${find}`);
  await page.mouse.click(at.x, at.y);
}

/** The element `find` returns, as a playwright handle (for fill and selectOption on that one element). */
async function elementFound(page: Page, find: string) {
  const element = (await page.evaluateHandle<HTMLElement>(find)).asElement();
  if (!element) throw new Error(`prompts bench: nothing found for ${find}`);
  return element;
}

/** Until `condition` (page JavaScript) holds, checked each frame. (waitForFunction would evaluate it with eval, which the page's CSP forbids.) */
async function waitUntil(page: Page, condition: string): Promise<void> {
  const held = await page.evaluate<boolean>(
    `new Promise((resolve) => { const poll = () => ((${condition}) ? resolve(true) : requestAnimationFrame(poll)); setTimeout(() => resolve(false), 60000); poll(); })`,
  );
  if (!held) throw new Error(`prompts bench: ${condition} never held`);
}
/** The rows drawn (the list draws those near the dialog's view; the others stand as aria-hidden room). */
const LIST_COUNT = `(document.querySelector('ul[aria-label="Saved prompts"]')?.querySelectorAll(":scope > li:not([aria-hidden])").length ?? -1)`;
const FIRST_ROW = `document.querySelector('ul[aria-label="Saved prompts"] > li:not([aria-hidden])')?.getAttribute("aria-posinset")`;
const HEADING = `document.querySelector('ul[aria-label="Saved prompts"]')?.closest("section")?.querySelector("h3")?.textContent`;
/** The heading counts `shown` and the list is drawn from its top (none drawn when nothing matches). */
const listed = (shown: number) => `${HEADING} === ${JSON.stringify(savedHeading(shown))} && ${shown ? `${LIST_COUNT} > 0 && ${FIRST_ROW} === "1"` : `${LIST_COUNT} === 0`}`;

/** Click "Prompts" until the list is drawn (the rows in view; the heading counts all 1,000); the main-thread work of the whole window beside it. */
async function timeOpen(page: Page, cdp: CDPSession): Promise<Timed & { metrics: Metrics }> {
  await quiet(page);
  await arm(page, "click", listed(PROMPTS));
  const before = await mainThreadTimes(cdp);
  await clickOn(page, PROMPTS_BUTTON);
  const timed = await armedResult(page, "opening the library");
  await quiet(page);
  return { ...timed, metrics: minus(await mainThreadTimes(cdp), before) };
}

async function closeLibrary(page: Page) {
  await clickOn(page, CLOSE_BUTTON);
  await waitUntil(page, `!document.querySelector("dialog[open]")`);
}

/** Each try in a new tab of the context (the library is the context's): a page just loaded, with no other page's garbage in its heap. */
async function measureOpen(context: BrowserContext, app: string, megabytes: string): Promise<void> {
  const first: (Timed & { metrics: Metrics })[] = [];
  const again: (Timed & { metrics: Metrics })[] = [];
  const reads: number[] = [];
  const wholeReads: number[] = [];
  for (let i = 0; i < OPEN_TRIES; i++) {
    const page = await context.newPage();
    await page.goto(app);
    const cdp = await loadPage(page);
    first.push(await (i === 0 ? maybeProfiled(cdp, "open", () => timeOpen(page, cdp)) : timeOpen(page, cdp)));
    await closeLibrary(page);
    again.push(await timeOpen(page, cdp));
    await closeLibrary(page);
    reads.push(await readAll(page, "index"));
    wholeReads.push(await readAll(page, "prompts"));
    await page.close();
  }
  const line = (label: string, runs: (Timed & { metrics: Metrics })[]) =>
    `${label}: ${stat(runs.map((r) => r.work))} (target ≤ ${TARGET_OPEN_MS} ms) | to the next painted frame ${stat(runs.map((r) => r.painted))}` +
    ` | main-thread work ${fmt(med(runs.map((r) => r.metrics.TaskDuration)))} (${breakdown(runs.map((r) => r.metrics))})`;
  console.log(line(`open, first in the page (click "Prompts" to the list drawn: the rows in view of ${PROMPTS.toLocaleString("en-US")}, the heading counting all)`, first));
  console.log(line("open again (the library already read)", again));
  console.log(`of which reading the library: the index's one record (${PROMPTS.toLocaleString("en-US")} listings) to its result in hand, straight from the page: ${stat(reads)} | reading every version instead (${megabytes} MB as JSON, as the list did before listings): ${stat(wholeReads)}`);
}

/** One getAll of an object store, to its values deserialized: "index" is the IndexedDB part of the first open; "prompts" what reading every version would cost. */
function readAll(page: Page, store: "index" | "prompts"): Promise<number> {
  return page.evaluate(
    (store) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const request = indexedDB.open("playground-prompts");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const read = db.transaction(store, "readonly").objectStore(store).getAll();
          read.onsuccess = () => {
            const count = (read.result as unknown[]).length;
            db.close();
            if (count) resolve(performance.now() - started);
            else reject(new Error("the library is empty"));
          };
          read.onerror = () => reject(read.error);
        };
      }),
    store,
  );
}

/** The main-thread work of the measuring window itself (a quiet wait and two evaluations), to take off each keystroke's. */
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

async function measureSearch(page: Page, cdp: CDPSession, library: readonly Prompt[]): Promise<void> {
  const overhead = await windowOverhead(page, cdp);
  const typed: number[] = [];
  const typedMetrics: Metrics[] = [];
  const filtered: Timed[] = [];
  const cleared: number[] = [];
  const clearedTimed: Timed[] = [];
  await clickOn(page, SEARCH_BOX);
  let shown = PROMPTS;
  /** One keystroke: its main-thread work until the page is idle, and (when the list changes) the time to the new list. */
  const keystroke = async (key: string, expected: number): Promise<{ metrics: Metrics; timed?: Timed }> => {
    await quiet(page);
    const changes = expected !== shown;
    if (changes) await arm(page, "keydown", listed(expected));
    const before = await mainThreadTimes(cdp);
    await page.keyboard.press(key);
    const timed = changes ? await armedResult(page, `the search after "${key}"`) : undefined;
    if (!changes) await page.evaluate("0");
    await quiet(page);
    shown = expected;
    return { metrics: minus(await mainThreadTimes(cdp), before), timed };
  };
  const counts: string[] = [];
  await maybeProfiled(cdp, "search", async () => {
    for (const query of QUERIES) {
      const steps: number[] = [];
      for (let n = 1; n <= query.length; n++) {
        const expected = searchCount(library, query.slice(0, n));
        steps.push(expected);
        const { metrics, timed } = await keystroke(query[n - 1], expected);
        typed.push(metrics.TaskDuration - overhead);
        typedMetrics.push(metrics);
        if (timed) filtered.push(timed);
      }
      counts.push(`"${query}" ${steps.join("→")}`);
      await page.keyboard.press("Control+A");
      const { metrics, timed } = await keystroke("Backspace", PROMPTS);
      cleared.push(metrics.TaskDuration - overhead);
      if (timed) clearedTimed.push(timed);
    }
  });
  console.log(
    `search keystroke (${typed.length} keystrokes; prompts shown after each: ${counts.join(", ")}): main-thread work ${stat(typed)} (target ≤ ${TARGET_KEYSTROKE_MS} ms;` +
      ` ${breakdown(typedMetrics)}; less ${fmt(overhead)}, the measuring window's own) | keydown to the filtered list, where it changed (${filtered.length}): ${stat(filtered.map((t) => t.work))},` +
      ` to the next painted frame ${stat(filtered.map((t) => t.painted))}`,
  );
  console.log(`clear the search (Backspace on the selected query, back to ${PROMPTS.toLocaleString("en-US")}): main-thread work ${stat(cleared)} | keydown to the full list ${stat(clearedTimed.map((t) => t.work))}`);
}

const DIFF_FROM_HEADER = `document.querySelector('[data-testid="version-diff"] thead th:nth-child(2)')?.textContent`;

async function measureDiff(page: Page, cdp: CDPSession, prompt: Prompt): Promise<void> {
  const versionsButton = buttonNamed(`[role="group"][aria-label=${JSON.stringify(`Actions for ${prompt.name}`)}]`, "Versions");
  const view: Timed[] = [];
  const viewMetrics: Metrics[] = [];
  // The list draws only the rows near its view: the prompt is found as a person would, by searching for it.
  await page.locator('input[type="search"]').fill(prompt.name);
  for (let i = 0; i < VERSIONS_VIEW_TRIES; i++) {
    await waitUntil(page, `!!document.querySelector(${JSON.stringify(`[role="group"][aria-label=${JSON.stringify(`Actions for ${prompt.name}`)}]`)})`);
    await quiet(page);
    await arm(page, "click", `${DIFF_FROM_HEADER} === "Version ${VERSIONS - 1}" && document.querySelector('ol[aria-label="Versions"]')?.childElementCount === ${VERSIONS}`);
    const before = await mainThreadTimes(cdp);
    await clickOn(page, versionsButton);
    view.push(await armedResult(page, "the Versions view"));
    await quiet(page);
    viewMetrics.push(minus(await mainThreadTimes(cdp), before));
    if (i < VERSIONS_VIEW_TRIES - 1) await clickOn(page, buttonNamed("dialog[open]", "Back to prompts"));
  }
  const marked = `document.querySelectorAll('[data-testid="version-diff"] :is(ins, del)').length`;
  const exact: Timed[] = [];
  const exactMetrics: Metrics[] = [];
  const exactMarks: number[] = [];
  const draft: Timed[] = [];
  const draftMarks: number[] = [];
  const chooseFrom = async (version: number): Promise<{ timed: Timed; metrics: Metrics; marks: number }> => {
    await quiet(page);
    const select = await elementFound(page, labelled("From version"));
    await arm(page, "input", `${DIFF_FROM_HEADER} === "Version ${version}"`);
    const before = await mainThreadTimes(cdp);
    await select.selectOption(String(version));
    const timed = await armedResult(page, `the diff from version ${version}`);
    await quiet(page);
    const metrics = minus(await mainThreadTimes(cdp), before);
    return { timed, metrics, marks: await page.evaluate<number>(marked) };
  };
  await maybeProfiled(cdp, "diff", async () => {
    for (const version of FROM_VERSIONS) {
      const chosen = await chooseFrom(version);
      exact.push(chosen.timed);
      exactMetrics.push(chosen.metrics);
      exactMarks.push(chosen.marks);
      const first = await chooseFrom(FIRST_DRAFT);
      draft.push(first.timed);
      draftMarks.push(first.marks);
    }
  });
  const kb = (n: number) => (n / 1000).toFixed(1);
  const sizes = prompt.versions.map((v) => v.systemMessage.length);
  console.log(
    `diff of two ${kb(Math.min(...sizes))}–${kb(Math.max(...sizes))} KB versions that differ in places (choose "From version", ${FROM_VERSIONS.length} versions against version ${VERSIONS}; ${med(exactMarks)} changes marked):` +
      ` to the diff rendered ${stat(exact.map((t) => t.work))} (target ≤ ${TARGET_DIFF_MS} ms) | to the next painted frame ${stat(exact.map((t) => t.painted))}` +
      ` | main-thread work ${fmt(med(exactMetrics.map((m) => m.TaskDuration)))} (${breakdown(exactMetrics)})`,
  );
  console.log(
    `diff against the first draft (version ${FIRST_DRAFT}: every eighth clause reworded, past the word diff's 400 edits; ${med(draftMarks)} changes marked): to the diff rendered ${stat(draft.map((t) => t.work))}` +
      ` | to the next painted frame ${stat(draft.map((t) => t.painted))}`,
  );
  console.log(
    `open its Versions view (click "Versions" to its list and the diff of versions ${VERSIONS - 1} and ${VERSIONS} rendered): ${stat(view.map((t) => t.work))}` +
      ` | main-thread work ${fmt(med(viewMetrics.map((m) => m.TaskDuration)))} (${breakdown(viewMetrics)})`,
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; src_file?: string; src_func?: string; data?: { type?: string; functionName?: string; url?: string } };
}

const TRACE_CATEGORIES = ["toplevel", "devtools.timeline"];
const TASK_EVENTS = new Set(["ThreadControllerImpl::RunTask", "RunTask"]);

/** The longest task (ms) on the renderers' main threads in a chromium trace, and the largest piece of work inside it (what it was). */
function longestTask(trace: Buffer): { ms: number; what: string } {
  const { traceEvents } = JSON.parse(trace.toString("utf8")) as { traceEvents: TraceEvent[] };
  const main = new Set(traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const events = traceEvents.filter((e) => e.ph === "X" && e.dur && main.has(`${e.pid}:${e.tid}`));
  const longest = events.filter((e) => TASK_EVENTS.has(e.name)).reduce<TraceEvent | undefined>((max, e) => (!max || e.dur! > max.dur! ? e : max), undefined);
  if (!longest) return { ms: 0, what: "no task traced" };
  const inside = events.filter((e) => !TASK_EVENTS.has(e.name) && e.pid === longest.pid && e.tid === longest.tid && e.ts >= longest.ts && e.ts + e.dur! <= longest.ts + longest.dur!);
  const biggest = inside.reduce<TraceEvent | undefined>((max, e) => (!max || e.dur! > max.dur! ? e : max), undefined);
  const data = biggest?.args?.data;
  const firstKey = events.filter((e) => e.name === "EventDispatch" && e.args?.data?.type === "keydown").reduce<TraceEvent | undefined>((min, e) => (!min || e.ts < min.ts ? e : min), undefined);
  const when = firstKey ? `, +${((longest.ts - firstKey.ts) / 1e6).toFixed(1)} s from the first keydown` : "";
  // Who posted the task: says what it was when nothing the timeline traces ran inside it.
  const posted = events.find((e) => e.name === "ThreadControllerImpl::RunTask" && e.args?.src_func && e.pid === longest.pid && e.tid === longest.tid && e.ts >= longest.ts && e.ts + e.dur! <= longest.ts + longest.dur!)?.args;
  const from = posted ? `, posted by ${posted.src_file?.split("/").pop()} ${posted.src_func}` : "";
  const what = `${biggest ? `${biggest.name}${data?.type ? ` ${data.type}` : ""}${data?.functionName ? ` ${data.functionName}` : ""} ${fmt(biggest.dur! / 1000)}` : "nothing the timeline traces"}${from}${when}`;
  return { ms: longest.dur! / 1000, what };
}

/** In a tab of its own: nothing the library left in another page's heap is collected while typing here. */
async function measureTyping(context: BrowserContext, app: string, browser: Browser): Promise<void> {
  const page = await context.newPage();
  await page.goto(app);
  const cdp = await loadPage(page);
  const text = variablesText();
  const system = await elementFound(page, labelled("System Message"));
  await system.fill(text);
  const variableFields = `[...document.querySelectorAll("section h3")].find((h) => h.textContent.trim() === "Variables")?.closest("section").querySelectorAll("input, textarea, select").length ?? 0`;
  await waitUntil(page, `${variableFields} === ${VARIABLES}`);
  const fieldCount = await page.evaluate<number>(variableFields);
  await page.keyboard.press("Control+End");
  await settled(page);
  const { metrics } = await cdp.send("Performance.getMetrics");
  const heapMb = ((metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0) / 1e6).toFixed(0);

  // What the idle page costs per second, taken off each run's window.
  const idleBefore = await mainThreadTimes(cdp);
  await page.waitForTimeout(2000);
  const idleRate = minus(await mainThreadTimes(cdp), idleBefore).TaskDuration / 2000;

  await page.evaluate(`window.__bench.longTasks.length = 0; window.__bench.keyLatencies.length = 0; window.__bench.trackKeys = true;`);
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const perKey: number[] = [];
  const runMetrics: Metrics[] = [];
  for (let run = 0; run < TYPING_RUNS; run++) {
    await quiet(page);
    const before = await mainThreadTimes(cdp);
    const started = performance.now();
    const type = async () => {
      for (const [i, char] of [...TYPED].entries()) {
        const due = started + i * KEY_INTERVAL_MS;
        if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
        await page.keyboard.type(char);
      }
    };
    await (run === 0 ? maybeProfiled(cdp, "typing", type) : type());
    // The second after the last key: what typing schedules for a pause (the token count) counts too.
    await page.waitForTimeout(1000);
    await quiet(page);
    const metrics = minus(await mainThreadTimes(cdp), before);
    const wall = performance.now() - started;
    runMetrics.push(metrics);
    perKey.push((metrics.TaskDuration - idleRate * wall) / TYPED.length);
  }
  const longest = longestTask(await browser.stopTracing());
  const { longTasks, keyLatencies } = await page.evaluate<{ longTasks: { duration: number }[]; keyLatencies: number[] }>(`({ longTasks: window.__bench.longTasks, keyLatencies: window.__bench.keyLatencies })`);
  const typedValue = await system.inputValue();
  if (!typedValue.endsWith(TYPED.repeat(TYPING_RUNS))) throw new Error("prompts bench: the System Message does not hold what was typed");
  console.log(
    `variables: typing into a ${(text.length / 1000).toFixed(1)} KB System Message with ${fieldCount} variables (${TYPING_RUNS} runs × ${TYPED.length} characters, one every ${KEY_INTERVAL_MS} ms; JS heap ${heapMb} MB before):` +
      ` long tasks > ${TARGET_LONG_TASK_MS} ms: ${longTasks.length}${longTasks.length ? ` (${longTasks.map((t) => fmt(t.duration)).join(", ")})` : ""} (target 0), longest task ${fmt(longest.ms)} (its largest part: ${longest.what})` +
      ` | main-thread time per keystroke ${stat(perKey)} over runs (${breakdown(runMetrics.map((m) => ({ ...m, ScriptDuration: m.ScriptDuration / TYPED.length, RecalcStyleDuration: m.RecalcStyleDuration / TYPED.length, LayoutDuration: m.LayoutDuration / TYPED.length })))} per keystroke)` +
      ` | keydown to the next painted frame ${stat(keyLatencies)}`,
  );
}

export async function measurePrompts(app: string): Promise<void> {
  console.log(`\n== Prompt library in the browser: ${PROMPTS.toLocaleString("en-US")} prompts × ${VERSIONS} versions in IndexedDB; Variables in a 20 KB System Message ==`);
  const library = promptLibrary();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: LAUNCH_ARGS });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(HARNESS);
    const seeding = await context.newPage();
    await seeding.goto(app);
    await seeding.locator('[data-ready="true"]').waitFor();
    await seed(seeding, library);
    await seeding.close();
    await measureOpen(context, app, (JSON.stringify(library).length / 1e6).toFixed(1));
    // Search and diff in one page, the library open as a person leaves it.
    const page = await context.newPage();
    await page.goto(app);
    const cdp = await loadPage(page);
    await clickOn(page, PROMPTS_BUTTON);
    await waitUntil(page, listed(PROMPTS));
    await measureSearch(page, cdp, library);
    await measureDiff(page, cdp, library[0]);
    await closeLibrary(page);
    await page.close();
    await measureTyping(context, app, browser);
  } finally {
    await browser.close();
  }
}
