import { expect, type Locator, type Page } from "@playwright/test";

/** The playground as a user sees it: role-based locators only. */
export class PlaygroundPage {
  readonly composer: Locator;
  readonly replies: Locator;
  readonly userMessages: Locator;
  readonly userTexts: Locator;

  constructor(readonly page: Page) {
    this.composer = page.getByRole("textbox", { name: "Message", exact: true });
    this.replies = page.getByRole("listitem", { name: "Assistant reply" });
    this.userMessages = page.getByRole("listitem", { name: "Your message" });
    this.userTexts = this.userMessages.getByTestId("message-text");
  }

  async open() {
    await this.page.goto("/");
    await expect(this.page.locator('[data-ready="true"]')).toBeVisible();
  }

  button(name: string | RegExp) {
    return this.page.getByRole("button", { name, exact: typeof name === "string" });
  }

  lastReply() {
    return this.replies.last();
  }

  lastReplyText() {
    return this.lastReply().getByTestId("reply-text");
  }

  slider(label: string) {
    return this.page.getByRole("slider", { name: label });
  }

  numberInput(label: string) {
    return this.page.getByRole("spinbutton", { name: `${label} value` });
  }

  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** Save prompt: a new prompt (give `name`) or the next version of the open one; returns what it says ("Saved "…", version 2."). */
  async savePrompt({ name, note }: { name?: string; note: string }): Promise<string> {
    await this.page.getByRole("button", { name: "Save prompt" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Save prompt" });
    if (name !== undefined) await dialog.getByRole("textbox", { name: "Name" }).fill(name);
    await dialog.getByRole("textbox", { name: "Version note" }).fill(note);
    await dialog.getByRole("button", { name: /^Save( version)?$/ }).click();
    const saved = dialog.getByRole("status");
    await expect(saved).toContainText(/Saved ".*", version \d+\./);
    const text = (await saved.textContent()) ?? "";
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();
    return text;
  }

  /**
   * Records every length the last reply's text takes, from a MutationObserver in the page: a
   * short reply (a few events 80 ms apart) can be complete before a Playwright poll on a busy
   * machine comes back, so sampling from the test would miss the steps. Call before sending.
   */
  async recordReplyGrowth(): Promise<() => Promise<number[]>> {
    await this.page.evaluate(() => {
      const lengths: number[] = [];
      (window as unknown as { __replyLengths: number[] }).__replyLengths = lengths;
      new MutationObserver(() => {
        const texts = document.querySelectorAll('[aria-label="Assistant reply"] [data-testid="reply-text"]');
        const length = texts[texts.length - 1]?.textContent?.length ?? 0;
        if (length > 0 && lengths[lengths.length - 1] !== length) lengths.push(length);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    return () => this.page.evaluate(() => (window as unknown as { __replyLengths: number[] }).__replyLengths);
  }

  /** Lengths of the last reply sampled while it streams: proof the text grows in steps. */
  async sampleGrowth(samples: number, everyMs: number): Promise<number[]> {
    // Sampling starts at the first text, not up to a second later (expect.poll's default
    // intervals): a short reply could otherwise be complete before the first sample.
    await expect.poll(async () => ((await this.lastReplyText().textContent()) ?? "").length, { intervals: [20] }).toBeGreaterThan(0);
    const lengths: number[] = [];
    for (let i = 0; i < samples; i++) {
      lengths.push(((await this.lastReplyText().textContent()) ?? "").length);
      await this.page.waitForTimeout(everyMs);
    }
    return lengths;
  }
}

/** The Share dialog of the playground. */
export class ShareDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Share this conversation" });
  }

  async open() {
    await this.page.getByRole("button", { name: "Share", exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  async createLink(expiry = "Never"): Promise<string> {
    await this.dialog.getByLabel("Link expires").selectOption({ label: expiry });
    await this.dialog.getByRole("button", { name: "Create link" }).click();
    const link = this.dialog.getByRole("textbox", { name: "Share link" });
    await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
    return link.inputValue();
  }

  myLink(title: string) {
    return this.dialog.getByRole("list", { name: "My shared links" }).getByRole("listitem", { name: title });
  }
}

/** The Sample spread dialog: one message run k times. */
export class SampleSpreadDialog {
  readonly dialog: Locator;
  readonly message: Locator;
  readonly samples: Locator;
  readonly seeds: Locator;
  readonly baseSeed: Locator;
  readonly progress: Locator;
  readonly agreement: Locator;
  readonly groups: Locator;
  /** The fields of the variables the run sends (the page's Variables, inside the dialog). */
  readonly variables: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Sample spread" });
    this.message = this.dialog.getByRole("textbox", { name: "Message", exact: true });
    this.samples = this.dialog.getByRole("spinbutton", { name: "Samples per setting (k)" });
    this.seeds = this.dialog.getByRole("combobox", { name: "Seeds" });
    this.baseSeed = this.dialog.getByRole("spinbutton", { name: "Base seed" });
    this.progress = this.dialog.getByTestId("run-progress");
    this.agreement = this.dialog.getByTestId("spread-agreement");
    this.groups = this.dialog.getByRole("list", { name: /^Answer groups/ });
    this.variables = this.dialog.getByRole("region", { name: "Variables" });
  }

  async open() {
    await this.page.getByRole("button", { name: "Sample spread", exact: true }).click();
    await expect(this.message).toBeVisible();
  }

  /** Runs and waits until every sample has finished. */
  async run(samples: number) {
    await this.dialog.getByRole("button", { name: /^(Run|Run again)$/ }).click();
    await this.finished(samples);
  }

  /**
   * Waits for every sample. The demo server's chat limit (CHAT_RATE_LIMIT, 30 a minute for the
   * whole serial suite's one address) may answer 429; the run then waits out its Retry-After.
   */
  async finished(samples: number) {
    await expect(this.progress).toContainText(`${samples} of ${samples} finished`, { timeout: 120_000 });
  }

  /** The agreement as a number (the view shows "75%"). */
  async agreementPercent(): Promise<number> {
    return Number(((await this.agreement.textContent()) ?? "").replace("%", ""));
  }

  group(n: number) {
    return this.groups.getByRole("listitem", { name: `Group ${n}`, exact: true });
  }
}

/** The Blind A/B dialog: two settings or two prompt versions, replies shown as A and B. */
export class BlindAbDialog {
  readonly dialog: Locator;
  readonly message: Locator;
  readonly rounds: Locator;
  readonly start: Locator;
  /** The fields of the variables the test sends (the page's Variables, inside the dialog). */
  readonly variables: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Blind A/B" });
    this.message = this.dialog.getByRole("textbox", { name: "Message", exact: true });
    this.rounds = this.dialog.getByRole("spinbutton", { name: "Rounds" });
    this.start = this.dialog.getByRole("button", { name: /^(Start|Start a new test)$/ });
    this.variables = this.dialog.getByRole("region", { name: "Variables" });
  }

  /** What the two sides are. */
  async compare(what: "Settings" | "Prompt versions") {
    await this.dialog.getByRole("group", { name: "Compare" }).getByRole("radio", { name: what, exact: true }).check();
  }

  /** A side's version picker: "First version" or "Second version". */
  version(side: "First version" | "Second version") {
    // Not exact: a select inside its label may take its chosen option into its name.
    return this.dialog.getByRole("combobox", { name: side });
  }

  /** A side's row of the revealed tally, by its name ("Version 2 (at length)"). */
  tallyRow(name: string) {
    return this.dialog.getByTestId("ab-tally").getByRole("row", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")} won`) });
  }

  async open() {
    await this.page.getByRole("button", { name: "Blind A/B", exact: true }).click();
    await expect(this.message).toBeVisible();
  }

  /** A parameter of Setting 2 (the edited copy); it commits on Enter. */
  async setSetting2(label: string, value: string) {
    const field = this.dialog.getByRole("group", { name: "Setting 2: an edited copy" }).getByRole("spinbutton", { name: label, exact: true });
    await field.fill(value);
    await field.press("Enter");
  }

  round(n: number, of: number) {
    return this.dialog.getByRole("heading", { name: new RegExp(`^Round ${n} of ${of}`) });
  }

  pick(name: "A is better" | "B is better" | "Tie") {
    return this.dialog.getByRole("group", { name: "Which reply is better?" }).getByRole("button", { name, exact: true });
  }
}

/** The Test cases dialog: the prompt's cases, their run and results. */
export class TestCasesDialog {
  readonly dialog: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Test cases" });
    this.table = this.dialog.getByRole("table", { name: "Test cases and results" });
  }

  async open() {
    await this.page.getByRole("button", { name: "Test cases", exact: true }).click();
    await expect(this.dialog.getByRole("heading", { name: "Checks" })).toBeVisible();
  }

  /** A value's input: `topic, row 3`. */
  input(variable: string, row: number) {
    return this.table.getByRole("textbox", { name: `${variable}, row ${row}`, exact: true });
  }

  /** One result cell of the grid, by its column's label and its row. */
  cell(row: number, column = "Current settings") {
    return this.table.getByRole("group", { name: `${column}, row ${row}`, exact: true });
  }

  async addCheck(kind: string, pattern: string) {
    await this.dialog.getByLabel("Check kind").selectOption({ label: kind });
    await this.dialog.getByRole("textbox", { name: kind === "Reply matches a regex" ? "Pattern" : "Text" }).fill(pattern);
    await this.dialog.getByRole("button", { name: "Add check" }).click();
  }

  /** Run all, then wait until every cell has ended. */
  async runAll(cells: number, timeout = 60_000) {
    await this.dialog.getByRole("button", { name: "Run all" }).click();
    await expect(this.progress()).toHaveAttribute("aria-valuetext", new RegExp(`^${cells} of ${cells} cells, finished`), { timeout });
  }

  progress() {
    return this.dialog.getByRole("progressbar", { name: "Test run progress" });
  }
}

/**
 * Scrolls the open dialog's box to its start or end a screen at a time, as a reader would, letting
 * each step draw (lists in dialogs draw only the rows near the view).
 */
export async function scrollOpenDialog(page: Page, to: "start" | "end") {
  await page.evaluate(async (end) => {
    const box = document.querySelector("dialog[open] [data-scroll-box]")!;
    for (let i = 0; i < 2000; i++) {
      const before = box.scrollTop;
      box.scrollTop += end ? box.clientHeight : -box.clientHeight;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      if (box.scrollTop === before) return;
    }
  }, to === "end");
}
