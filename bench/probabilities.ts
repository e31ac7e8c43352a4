/**
 * The probabilities view on a 2,000-token reply, in chromium against the production build: the
 * time from switching "Probabilities" on to the shaded tokens being painted, and from clicking a
 * token to its candidates being painted (median and worst of several tries), beside the target
 * of 16 ms per interaction (one frame at 60 Hz).
 *
 * The reply is put into the page's stored conversation (as the playground keeps it across
 * reloads) with what the embedded engine sends per token: 10 alternatives with text and the 30
 * more of its top-k as numbers. The server must report log-probabilities in its capabilities
 * (the bench upstream's OpenAI-compatible provider does).
 */
import { chromium } from "@playwright/test";
import { percentile } from "./stats";

const TARGET_MS = 16;
const TOKENS = 2000;
const TRIES = 9;
/** TokenText's first piece (its CHUNK): what the click's own frame shades. */
const FIRST_PIECE = 100;

function storedConversation() {
  const words = ["The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ".", "\n\n"];
  const logprobs = Array.from({ length: TOKENS }, (_, i) => {
    const token = words[i % words.length];
    const logprob = -((i * 7919) % 50) / 10;
    return {
      token,
      logprob,
      top: [{ token, logprob }, ...Array.from({ length: 9 }, (_, k) => ({ token: ` alt${k}`, logprob: logprob - 0.3 - k * 0.2 }))],
      tail: Array.from({ length: 30 }, (_, k) => logprob - 2.2 - k * 0.05),
    };
  });
  const content = logprobs.map((t) => t.token).join("");
  const generation = { systemMessage: "", params: { temperature: 0.7, maxTokens: 2000, topP: 0.9, frequencyPenalty: 0, presencePenalty: 0 } };
  return {
    state: {
      messages: [
        { id: "u1", role: "user", content: "Write 2,000 tokens" },
        { id: "r1", role: "assistant", content, state: "done", finishReason: "length", generation, logprobs },
      ],
    },
    version: 1,
  };
}

export async function measureProbabilities(app: string): Promise<void> {
  console.log(`\n== Probabilities view: a ${TOKENS}-token reply, time to shade and to open a token's candidates (to the next painted frame) ==`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript((stored: string) => {
      if (!localStorage.getItem("playground-conversation")) localStorage.setItem("playground-conversation", stored);
    }, JSON.stringify(storedConversation()));
    await page.goto(app);
    await page.locator('[data-ready="true"]').waitFor();
    await page.locator('[data-role="assistant"] .markdown').first().waitFor();
    const toggle = page.getByRole("button", { name: "Probabilities", exact: true });
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('button[aria-pressed]')?.disabled);

    // Each measure starts in the page (no protocol round trip inside it) and ends after the frame
    // that shows the change: a requestAnimationFrame, then a task after that frame's paint.
    // Two clocks per interaction, both started in the page just before the click: "work" ends
    // once the change is in the DOM and style and layout are done (forced), the main thread's own
    // cost; "painted" ends after the next frame that shows it (it includes waiting for that frame).
    // A string, not a function: tsx would wrap a named helper in a `__name` call the page lacks.
    const measure = (selector: string, count: number) =>
      page.evaluate<{ work: number; painted: number }>(`(async () => {
        const started = window.__started;
        const ready = () => document.querySelectorAll(${JSON.stringify(selector)}).length >= ${count};
        for (let i = 0; i < 1000 && !ready(); i++) await null;
        if (!ready()) await new Promise((resolve) => { const poll = () => (ready() ? resolve() : requestAnimationFrame(poll)); poll(); });
        document.body.getBoundingClientRect();
        const work = performance.now() - started;
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
        return { work, painted: performance.now() - started };
      })()`);

    // The click and the clock start in one script, so no protocol round trip is timed.
    const clickAndMeasure = (click: string, selector: string, count: number) =>
      page.evaluate(`window.__started = performance.now(); ${click}`).then(() => measure(selector, count));

    const tokens = '[data-testid="token-text"] [data-index]';
    const shade: { work: number; painted: number }[] = [];
    const allShaded: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      // The first piece of the reply is shaded in the click's frame; the rest follow a piece a frame.
      shade.push(await clickAndMeasure(`document.querySelector('button[aria-pressed="false"]').click()`, tokens, FIRST_PIECE));
      allShaded.push((await measure(tokens, TOKENS)).painted);
      await toggle.click(); // back to markdown
      await page.locator('[data-role="assistant"] .markdown').first().waitFor();
    }

    await toggle.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="token-text"] [data-index]').length >= n, TOKENS);
    const open: { work: number; painted: number }[] = [];
    for (let i = 0; i < TRIES; i++) {
      open.push(await clickAndMeasure(`document.querySelector('[data-testid="token-text"] [data-index="${1000 + i}"]').click()`, '[data-testid="token-candidates"] [data-testid="candidate"]', 10));
      await page.keyboard.press("Escape");
      await page.getByTestId("token-candidates").waitFor({ state: "detached" });
    }

    const stat = (ms: number[]) => `median ${percentile(ms, 50).toFixed(1)} ms, worst ${Math.max(...ms).toFixed(1)} ms`;
    const line = (label: string, runs: { work: number; painted: number }[]) =>
      `${label} main-thread work ${stat(runs.map((r) => r.work))} (target ≤ ${TARGET_MS} ms) | to the next painted frame ${stat(runs.map((r) => r.painted))}`;
    console.log(line(`shade (the first ${FIRST_PIECE} tokens):`, shade));
    console.log(`all ${TOKENS} tokens shaded, a piece per frame, after: ${stat(allShaded)}`);
    console.log(line("open a token's candidates:", open));
  } finally {
    await browser.close();
  }
}
