/**
 * The Advanced section on the demo model: a stop sequence added there ends the reply before it
 * (finish reason stop, not length), travels in the request, and shows on the share page; Top K
 * and Repetition Penalty are sent when set. The open section passes axe in both themes.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PlaygroundPage, ShareDialog } from "./playground-page";

const advancedToggle = (page: Page) => page.getByRole("button", { name: /^Advanced/ });

async function openAdvanced(page: Page) {
  await advancedToggle(page).click();
  await expect(advancedToggle(page)).toHaveAttribute("aria-expanded", "true");
}

async function addStop(page: Page, typed: string) {
  const input = page.getByRole("textbox", { name: "New stop sequence" });
  await input.fill(typed);
  await input.press("Enter");
  await expect(input).toHaveValue("");
}

test.describe("Advanced settings (demo model)", () => {
  test("a stop sequence ends the reply before it with finish reason stop, and the share page shows it", async ({ page, browser }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    // Collapsed by default.
    await expect(advancedToggle(page)).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("textbox", { name: "New stop sequence" })).toBeHidden();

    await app.numberInput("Max Tokens").fill("60");
    await app.numberInput("Max Tokens").press("Tab");
    await page.getByRole("spinbutton", { name: "Seed" }).fill("21");
    const prompt = `Advanced stop test ${Date.now()}`;
    await app.send(prompt);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    const full = (await app.lastReplyText().innerText()).trim();
    // A common letter that first appears a little way in, so the stopped reply is not empty.
    const stop = ["e", "a", "i", "o", "n", "t"].find((c) => full.indexOf(c) >= 5);
    expect(stop, `no usable letter in ${JSON.stringify(full)}`).toBeDefined();

    // Keyboard only: focus the toggle, open it, type the sequence, Enter adds it.
    await advancedToggle(page).focus();
    await page.keyboard.press("Enter");
    await expect(advancedToggle(page)).toHaveAttribute("aria-expanded", "true");
    await addStop(page, stop!);
    await expect(page.getByTestId("stop-sequence")).toHaveText([`"${stop}"`]);
    await expect(advancedToggle(page)).toContainText("(1 set)");

    // The same conversation and seed again, now with the stop: the reply ends right before it.
    const [sent] = await Promise.all([page.waitForRequest("**/api/chat"), app.lastReply().getByRole("button", { name: "Regenerate" }).click()]);
    expect(sent.postDataJSON().params.stop).toEqual([stop]);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await expect(app.lastReply()).toHaveAttribute("data-finish", "stop");
    await expect(app.lastReply().getByText("Reached Max Tokens.")).toHaveCount(0);
    const stopped = (await app.lastReplyText().innerText()).trim();
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped).not.toContain(stop);
    expect(full.slice(0, full.indexOf(stop!)).trim()).toBe(stopped);

    // The share keeps the setting and its page shows it, without JavaScript too.
    const share = new ShareDialog(page);
    await share.open();
    const url = await share.createLink();
    await share.dialog.getByRole("button", { name: "Close" }).click();
    const reader = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    expect((await reader.goto(url))?.status()).toBe(200);
    await expect(reader.locator('[data-param="stop"]')).toHaveText(`"${stop}"`);
    await expect(reader.getByRole("listitem", { name: "Assistant reply" }).getByTestId("reply-text")).toHaveText(stopped);
    await reader.context().close();

    // Removing it leaves nothing set.
    await page.getByRole("button", { name: `Remove stop sequence "${stop}"` }).click();
    await expect(page.getByTestId("stop-sequence")).toHaveCount(0);
    await expect(advancedToggle(page)).not.toContainText("set)");
  });

  test("Top K, Repetition Penalty and several stop sequences go into the request; limits hold", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await openAdvanced(page);
    await page.getByRole("spinbutton", { name: "Top K" }).fill("500");
    await page.getByRole("spinbutton", { name: "Top K" }).press("Tab");
    // Snapped into range.
    await expect(page.getByRole("spinbutton", { name: "Top K" })).toHaveValue("100");
    await page.getByRole("spinbutton", { name: "Repetition Penalty" }).fill("1.3");
    await page.getByRole("spinbutton", { name: "Repetition Penalty" }).press("Tab");
    for (const typed of ["\\n\\n", "User:", "###", "END"]) await addStop(page, typed);
    await expect(page.getByTestId("stop-sequence")).toHaveText(['"\\n\\n"', '"User:"', '"###"', '"END"']);
    // Four is the limit: adding is disabled and says why.
    await expect(page.getByRole("textbox", { name: "New stop sequence" })).toBeDisabled();
    await expect(page.getByText("4 of 4: remove one to add another.")).toBeVisible();
    await expect(advancedToggle(page)).toContainText("(3 set)");

    await app.numberInput("Max Tokens").fill("8");
    await app.numberInput("Max Tokens").press("Tab");
    const [sent] = await Promise.all([page.waitForRequest("**/api/chat"), app.send("Advanced parameters")]);
    expect(sent.postDataJSON().params).toMatchObject({ topK: 100, repetitionPenalty: 1.3, stop: ["\n\n", "User:", "###", "END"] });
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await expect(app.lastReply().getByRole("alert")).toHaveCount(0);

    // Clearing a number takes it out of the request; Reset clears them all.
    await page.getByRole("spinbutton", { name: "Top K" }).fill("");
    await page.getByRole("spinbutton", { name: "Top K" }).press("Tab");
    await expect(advancedToggle(page)).toContainText("(2 set)");
    await page.getByRole("button", { name: "Reset to defaults" }).click();
    await expect(advancedToggle(page)).toHaveText(/^Advanced\s*▸?▾?$/);
    await expect(page.getByRole("spinbutton", { name: "Repetition Penalty" })).toHaveValue("");
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`the open Advanced section passes axe (WCAG 2.1 AA, ${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      const app = new PlaygroundPage(page);
      await app.open();
      await openAdvanced(page);
      await addStop(page, "\\n");
      // An error shown too: adding the same sequence twice.
      await addStopExpectingProblem(page, "\\n");
      const { violations } = await new AxeBuilder({ page }).include("#parameter-panel").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    });
  }
});

async function addStopExpectingProblem(page: Page, typed: string) {
  const input = page.getByRole("textbox", { name: "New stop sequence" });
  await input.fill(typed);
  await input.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "already in the list" })).toBeVisible();
}
