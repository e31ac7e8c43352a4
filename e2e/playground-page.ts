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
