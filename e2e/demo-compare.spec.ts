import { expect, test, type Locator, type Page } from "@playwright/test";
import { PlaygroundPage } from "./playground-page";

const column = (page: Page, n: number) => page.getByRole("region", { name: `Column ${n}`, exact: true });
const replyText = (col: Locator) => col.getByRole("listitem", { name: "Assistant reply" }).last().getByTestId("reply-text");
const isStreaming = (col: Locator) => col.getAttribute("data-streaming");
/**
 * A reply's text as rendered, each formula put back as its TeX source (KaTeX keeps it in an
 * annotation), so it compares with the raw text by letters. The demo model's text is random: a
 * reply now and then holds two "$" and part of it renders as math, which innerText shows twice
 * (MathML and HTML) in other letters.
 */
const renderedWithTex = (reply: Locator) =>
  reply.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const formula of copy.querySelectorAll(".katex")) formula.replaceWith(formula.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? "");
    return copy.textContent ?? "";
  });

test.describe("compare mode (demo model)", () => {
  test("sweep → run at once → greedy column repeats → stop one → diff → share → continue", async ({ page, browser }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("120");
    await app.numberInput("Max Tokens").press("Tab");
    await page.getByRole("group", { name: "Mode" }).getByRole("button", { name: "Compare" }).click();
    await expect(page.getByRole("heading", { name: "Compare" })).toBeVisible();

    // Sweep Temperature 0 → 1 over 3 columns.
    await page.getByRole("combobox", { name: "Parameter", exact: true }).selectOption({ label: "Temperature" });
    await page.getByRole("spinbutton", { name: "From" }).fill("0");
    await page.getByRole("spinbutton", { name: "To" }).fill("1");
    await page.getByRole("combobox", { name: "Columns", exact: true }).selectOption("3");
    await page.getByRole("button", { name: "Fill columns" }).click();
    await expect(page.getByTestId("compare-column")).toHaveCount(3);
    // Column 2 and 3 show the value that differs from column 1 as an editable chip.
    await expect(column(page, 2).getByTestId("param-chips").getByRole("spinbutton", { name: "Temperature" })).toHaveValue("0.5");
    await expect(column(page, 3).getByTestId("param-chips").getByRole("spinbutton", { name: "Temperature" })).toHaveValue("1");
    // Column 1's full set is one disclosure away.
    await column(page, 1).getByText("Parameters", { exact: true }).click();
    await expect(column(page, 1).getByRole("spinbutton", { name: "Temperature" })).toHaveValue("0");
    await expect(column(page, 1).getByRole("spinbutton", { name: "Max Tokens" })).toHaveValue("120");

    // One seed for every column (on by default).
    await expect(page.getByRole("checkbox", { name: "Same seed in every column" })).toBeChecked();
    await page.getByRole("spinbutton", { name: "Shared seed" }).fill("777");

    const prompt = `Compare test ${Date.now()}: describe a river`;
    await app.composer.fill(prompt);
    await app.composer.press("Enter");
    // All three stream at the same time.
    await expect.poll(async () => Promise.all([1, 2, 3].map((n) => isStreaming(column(page, n))))).toEqual(["true", "true", "true"]);

    // Stopping column 2 (once it has some text to keep) leaves the others streaming.
    await expect(replyText(column(page, 2))).not.toBeEmpty();
    await column(page, 2).getByRole("button", { name: "Stop", exact: true }).click();
    await expect(column(page, 2)).toHaveAttribute("data-streaming", "false");
    expect(await isStreaming(column(page, 1))).toBe("true");
    expect(await isStreaming(column(page, 3))).toBe("true");
    await expect(column(page, 2).getByText("Stopped — the partial reply is kept.")).toBeVisible();
    for (const n of [1, 3]) await expect(column(page, n).getByRole("listitem", { name: "Assistant reply" })).toHaveAttribute("data-state", "done", { timeout: 30_000 });

    // Each column has its own numbers.
    for (const n of [1, 3]) await expect(column(page, n).getByTestId("reply-stats").locator('[data-stat="completion-tokens"]')).toHaveText(/^\d+$/);

    // Temperature 0 with the same seed: the same text again.
    const greedy = (await replyText(column(page, 1)).innerText()).trim();
    expect(greedy.length).toBeGreaterThan(0);
    await column(page, 1).getByRole("button", { name: "Regenerate", exact: true }).first().click();
    await expect(column(page, 1)).toHaveAttribute("data-streaming", "true");
    await expect(column(page, 1)).toHaveAttribute("data-streaming", "false", { timeout: 30_000 });
    expect((await replyText(column(page, 1)).innerText()).trim()).toBe(greedy);
    const third = (await replyText(column(page, 3)).innerText()).trim();
    const [greedyRaw, thirdRaw] = [await renderedWithTex(replyText(column(page, 1))), await renderedWithTex(replyText(column(page, 3)))];

    // Word differences between column 1 and column 3.
    await page.getByRole("combobox", { name: "Highlight differences" }).selectOption({ label: "Column 1 and Column 3" });
    // The diff shows the raw reply (markdown unrendered), so compare letters and digits only.
    const letters = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, "");
    expect(letters(await column(page, 1).getByTestId("diff-text").innerText())).toBe(letters(greedyRaw));
    expect(letters(await column(page, 3).getByTestId("diff-text").innerText())).toBe(letters(thirdRaw));
    // Column 1 marks what column 3 lacks, and the other way round; never both kinds in one column.
    await expect(column(page, 1).getByTestId("diff-text").locator("ins")).toHaveCount(0);
    await expect(column(page, 3).getByTestId("diff-text").locator("del")).toHaveCount(0);
    if (greedy !== third) expect(await column(page, 1).getByTestId("diff-text").locator("del").count()).toBeGreaterThan(0);
    await page.getByRole("combobox", { name: "Highlight differences" }).selectOption({ label: "Off" });

    // Share the comparison; a stranger sees every column, with and without JavaScript.
    await page.getByRole("button", { name: "Share comparison" }).click();
    const dialog = page.getByRole("dialog", { name: "Share this comparison" });
    await dialog.getByRole("button", { name: "Create link" }).click();
    const link = dialog.getByRole("textbox", { name: "Share link" });
    await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
    const url = await link.inputValue();
    await dialog.getByRole("button", { name: "Close" }).click();

    for (const javaScriptEnabled of [true, false]) {
      const stranger = await browser.newContext({ javaScriptEnabled });
      const reader = await stranger.newPage();
      expect((await reader.goto(url))?.status()).toBe(200);
      await expect(reader).toHaveTitle(/^Comparison: “Compare test/);
      await expect(reader.getByTestId("shared-column")).toHaveCount(3);
      await expect(reader.getByTestId("shared-column").locator('[data-param="temperature"]')).toHaveText(["0", "0.5", "1"]);
      await expect(reader.getByTestId("shared-column").locator('[data-param="seed"]')).toHaveText(["777", "777", "777"]);
      await expect(reader.getByTestId("shared-column").first().getByTestId("reply-text")).toHaveText(greedy);
      await expect(reader.getByTestId("shared-column").nth(2).locator('[data-stat="completion-tokens"]')).toHaveText(/^\d+$/);
      // Columns 1 and 3 carry this server's signatures; the stopped reply of column 2 has none to carry.
      await expect(reader.getByText("Shared comparison (some replies are edited or were not generated here)")).toBeVisible();
      await expect(reader.getByTestId("unverified-reply")).toHaveCount(1);
      await expect(reader.getByTestId("shared-column").nth(1).getByTestId("unverified-reply")).toHaveCount(1);
      if (javaScriptEnabled) {
        // The link opens back into compare mode.
        await reader.getByRole("link", { name: "Open in compare mode" }).click();
        await expect(reader.getByRole("heading", { name: "Compare" })).toBeVisible();
        await expect(reader.getByTestId("compare-column")).toHaveCount(3);
        await expect(replyText(column(reader, 1))).toHaveText(greedy);
        await expect(column(reader, 3).getByTestId("param-chips").getByRole("spinbutton", { name: "Temperature" })).toHaveValue("1");
      }
      await stranger.close();
    }

    // "Continue with this": column 3's reply and settings become the chat.
    await column(page, 3).getByRole("button", { name: "Continue with this" }).click();
    await expect(page.getByRole("heading", { name: "Compare" })).toHaveCount(0);
    await expect(app.userTexts).toHaveText([prompt]);
    await expect(app.lastReplyText()).toHaveText(third);
    await expect(app.numberInput("Temperature")).toHaveValue("1");
    await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue("777");
  });

  test("a {{variable}} with no value blocks Send and Run all, naming it; once filled, every column gets the filled prompt", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("8");
    await app.numberInput("Max Tokens").press("Tab");
    await page.getByRole("textbox", { name: "System Message" }).fill("Answer about {{topic}}.");
    await page.getByRole("group", { name: "Mode" }).getByRole("button", { name: "Compare" }).click();
    await expect(page.getByRole("heading", { name: "Compare" })).toBeVisible();

    await app.composer.fill("One word about {{topic}}, please");
    await expect(page.getByRole("status").filter({ hasText: "Fill in the variables first: topic." })).toBeVisible();
    await expect(app.button("Send")).toBeDisabled();
    await app.composer.press("Enter");
    await expect(page.getByTestId("compare-column").first().getByRole("listitem", { name: "Your message" })).toHaveCount(0);
    await expect(app.button("Run all")).toBeDisabled();

    const requests: { systemMessage: string; messages: { role: string; content: string }[] }[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/chat") && r.method() === "POST") requests.push(r.postDataJSON());
    });
    await page.getByRole("region", { name: "Variables" }).getByRole("textbox", { name: "topic", exact: true }).fill("tea");
    await expect(page.getByText(/^Fill in the variables first/)).toHaveCount(0);
    await app.button("Send").click();
    const columns = await page.getByTestId("compare-column").count();
    await expect.poll(() => requests.length).toBe(columns);
    for (const body of requests) {
      expect(body.systemMessage).toBe("Answer about tea.");
      expect(body.messages.at(-1)).toMatchObject({ role: "user", content: "One word about tea, please" });
    }
  });

  test("on a phone the columns are cards swiped sideways", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const app = new PlaygroundPage(page);
    await app.open();
    await page.getByRole("group", { name: "Mode" }).getByRole("button", { name: "Compare" }).click();
    const row = page.getByRole("group", { name: "Columns" });
    const first = column(page, 1);
    const second = column(page, 2);
    // One card fills most of the screen; the next waits to its right.
    const [a, b] = [await first.boundingBox(), await second.boundingBox()];
    expect(a!.width).toBeGreaterThan(300);
    expect(b!.x).toBeGreaterThanOrEqual(a!.x + a!.width);
    expect(await row.evaluate((el) => getComputedStyle(el).scrollSnapType)).toContain("x");
    // A swipe (here: the keyboard on the focusable row) brings the second card into view.
    await row.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("End");
    await expect.poll(async () => (await second.boundingBox())!.x).toBeLessThan(100);
    await context.close();
  });
});
