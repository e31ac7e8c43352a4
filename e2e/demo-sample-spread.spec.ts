import { expect, test } from "@playwright/test";
import { BlindAbDialog, PlaygroundPage, SampleSpreadDialog } from "./playground-page";

/** Sets a panel number and leaves the field, so it commits. */
async function setPanel(app: PlaygroundPage, label: string, value: string) {
  await app.numberInput(label).fill(value);
  await app.numberInput(label).press("Tab");
}

test.describe("sample spread and blind A/B (demo model)", () => {
  test("k=4 at Temperature 0 with one seed agree 100%; at 1.5 with varied seeds they do not; a sample opens as a conversation with its seed", async ({ page }) => {
    test.setTimeout(300_000);
    const app = new PlaygroundPage(page);
    await app.open();
    await setPanel(app, "Max Tokens", "8");
    await setPanel(app, "Temperature", "0");
    const prompt = `Spread test ${Date.now()}: name a colour`;
    await app.send(prompt);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");

    // Temperature 0, the same seed for every sample: one answer.
    const spread = new SampleSpreadDialog(page);
    await spread.open();
    await expect(spread.message).toHaveValue(prompt);
    await expect(spread.dialog.getByText("90%", { exact: true })).toBeVisible();
    await spread.samples.fill("4");
    await spread.seeds.selectOption({ label: "Same seed for every sample" });
    await spread.baseSeed.fill("42");
    await spread.run(4);
    await expect(spread.agreement).toHaveText("100%");
    await expect(spread.dialog.getByTestId("spread-distinct")).toHaveText("1");
    await expect(spread.group(1)).toContainText("Group 1: 4 of 4 (100%)");
    await page.keyboard.press("Escape");
    await expect(spread.dialog).toBeHidden();

    // Temperature 1.5, seed base + i: the random-weight model's answers differ. Six samples on
    // the demo engine's four streams: two wait as Queued.
    await setPanel(app, "Max Tokens", "12");
    await setPanel(app, "Temperature", "1.5");
    await spread.open();
    await spread.samples.fill("6");
    await spread.seeds.selectOption({ label: "Vary per sample (base + i)" });
    await spread.baseSeed.fill("100");
    await spread.dialog.getByRole("button", { name: "Run", exact: true }).click();
    await expect(spread.dialog.getByRole("list", { name: "Samples", exact: true }).getByText(/: Queued$/).first()).toBeVisible();
    await spread.finished(6);
    expect(await spread.agreementPercent()).toBeLessThan(100);
    expect(Number(await spread.dialog.getByTestId("spread-distinct").textContent())).toBeGreaterThan(1);

    // Open a sample: a new conversation with the message and that reply, its seed in the panel.
    await spread.group(1).getByText(/^Show its \d+ samples?$/).click();
    const sample = spread.group(1).getByRole("listitem").first();
    const seed = ((await sample.textContent()) ?? "").match(/seed (\d+)/)?.[1];
    expect(Number(seed)).toBeGreaterThanOrEqual(100);
    expect(Number(seed)).toBeLessThanOrEqual(105);
    await sample.getByRole("button", { name: /^Open as conversation/ }).click();
    await expect(spread.dialog).toBeHidden();
    await expect(app.userTexts).toHaveText([prompt]);
    await expect(app.replies).toHaveCount(1);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue(seed!);
    await expect(app.numberInput("Temperature")).toHaveValue("1.5");
  });

  test("a sweep of Temperature charts agreement and distinct answers per value", async ({ page }) => {
    test.setTimeout(180_000);
    const app = new PlaygroundPage(page);
    await app.open();
    await setPanel(app, "Max Tokens", "6");
    const spread = new SampleSpreadDialog(page);
    await spread.open();
    await spread.message.fill("Sweep test: one word");
    await spread.samples.fill("3");
    await spread.dialog.getByRole("radio", { name: "Sweep a parameter" }).check();
    await spread.dialog.getByRole("combobox", { name: "Parameter" }).selectOption({ label: "Temperature" });
    await spread.dialog.getByRole("spinbutton", { name: "From" }).fill("0");
    await spread.dialog.getByRole("spinbutton", { name: "To" }).fill("1.5");
    await spread.dialog.getByRole("combobox", { name: "Steps" }).selectOption("2");
    await spread.seeds.selectOption({ label: "Same seed for every sample" });
    await spread.run(6);
    await expect(spread.dialog.getByRole("img", { name: /^Agreement and distinct answers by Temperature: 0 agreement 100%, 1 distinct; 1\.5 agreement/ })).toBeVisible();
    await expect(spread.dialog.getByRole("row", { name: /^0 100% 1 3$/ })).toBeVisible();
  });

  test("a {{variable}} with no value blocks Run, named as Send names it; a value typed in the view unblocks it and is the page's", async ({ page }) => {
    test.setTimeout(180_000);
    const app = new PlaygroundPage(page);
    await app.open();
    await setPanel(app, "Max Tokens", "6");
    await page.getByRole("textbox", { name: "System Message" }).fill("Answer about {{topic}}.");

    const spread = new SampleSpreadDialog(page);
    await spread.open();
    await spread.message.fill("One word, please");
    const run = spread.dialog.getByRole("button", { name: "Run", exact: true });
    await expect(run).toBeDisabled();
    await expect(spread.dialog.getByRole("status").filter({ hasText: "Fill in the variables first: topic." })).toBeVisible();
    await expect(spread.variables.getByText("Needs a value")).toBeVisible();

    await spread.variables.getByRole("textbox", { name: "topic", exact: true }).fill("tea");
    await expect(run).toBeEnabled();
    await expect(spread.dialog.getByText(/^Fill in the variables first/)).toHaveCount(0);
    await spread.samples.fill("2");
    await spread.run(2);
    await page.keyboard.press("Escape");
    await expect(spread.dialog).toBeHidden();
    // The same value Send fills in: the page's Variables has it too.
    await expect(page.getByRole("region", { name: "Variables" }).getByRole("textbox", { name: "topic", exact: true })).toHaveValue("tea");
  });

  test("blind A/B of two saved versions of a prompt: pickers disabled until there are two, a variable without a value blocks Start, the versions named and their differences shown at the reveal and on the share page", async ({ page }) => {
    test.setTimeout(300_000);
    const app = new PlaygroundPage(page);
    await app.open();
    await setPanel(app, "Max Tokens", "8");
    await setPanel(app, "Temperature", "0");
    const ab = new BlindAbDialog(page);

    // No saved prompt open: the version pickers are disabled and say why.
    await ab.open();
    await ab.compare("Prompt versions");
    await expect(ab.version("First version")).toBeDisabled();
    await expect(ab.version("Second version")).toBeDisabled();
    await expect(ab.dialog.getByText(/^No saved prompt is open: open one with two or more versions/)).toBeVisible();
    await expect(ab.start).toBeDisabled();
    await page.keyboard.press("Escape");
    await expect(ab.dialog).toBeHidden();

    const name = `A/B versions ${Date.now()}`;
    const systemMessage = page.getByRole("textbox", { name: "System Message" });
    await systemMessage.fill("Answer about {{city}} in one line.");
    expect(await app.savePrompt({ name, note: "one line" })).toBe(`Saved "${name}", version 1.`);

    // One version: still nothing to compare.
    await ab.open();
    await ab.compare("Prompt versions");
    await expect(ab.dialog.getByText(`“${name}” has one version: save another (Save prompt) to compare two.`)).toBeVisible();
    await expect(ab.version("First version")).toBeDisabled();
    await page.keyboard.press("Escape");

    await systemMessage.fill("Answer about {{city}} at length.");
    await setPanel(app, "Temperature", "1.5");
    expect(await app.savePrompt({ note: "at length" })).toBe(`Saved "${name}", version 2.`);

    await ab.open();
    await ab.compare("Prompt versions");
    await expect(ab.version("First version")).toBeEnabled();
    await expect(ab.version("First version").locator("option:checked")).toHaveText(/^Version 1 \(one line, \d{4}-\d{2}-\d{2}\)$/);
    await expect(ab.version("Second version").locator("option:checked")).toHaveText(/^Version 2 \(at length, \d{4}-\d{2}-\d{2}\)$/);
    // The settings' fields are not shown: each side is its version.
    await expect(ab.dialog.getByRole("group", { name: "Setting 2: an edited copy" })).toHaveCount(0);
    await ab.message.fill(`Versions test ${Date.now()}: a greeting`);

    // {{city}} has no value and no default: Start is blocked in Send's words, until it is given here.
    await expect(ab.start).toBeDisabled();
    await expect(ab.dialog.getByRole("status").filter({ hasText: "Fill in the variables first: city." })).toBeVisible();
    await ab.variables.getByRole("textbox", { name: "city", exact: true }).fill("Rome");
    await expect(ab.start).toBeEnabled();
    await ab.rounds.fill("2");
    await ab.start.click();

    await expect(ab.round(1, 2)).toBeVisible();
    await expect(ab.pick("A is better")).toBeEnabled({ timeout: 120_000 });
    await ab.pick("A is better").click();
    await ab.dialog.getByRole("button", { name: "Next sample" }).click();
    await expect(ab.round(2, 2)).toBeVisible();
    await expect(ab.pick("Tie")).toBeEnabled({ timeout: 120_000 });
    await ab.pick("Tie").click();
    await ab.dialog.getByRole("button", { name: "Reveal results" }).click();

    await expect(ab.dialog.getByRole("heading", { name: "Revealed: 2 of 2 rounds judged" })).toBeVisible();
    const wins = await Promise.all(["Version 1 (one line)", "Version 2 (at length)"].map(async (side) => Number(((await ab.tallyRow(side).textContent()) ?? "").match(/won (\d+)/)?.[1])));
    expect(wins[0] + wins[1]).toBe(1);
    await expect(ab.dialog.getByTestId("ab-tally").getByRole("row", { name: /^Ties 1/ })).toBeVisible();
    await expect(ab.dialog.getByTestId("ab-differs")).toHaveText("The versions differ in System Message, Temperature (0 vs 1.5).");
    // The System Messages word by word, as sent (the variable filled).
    await expect(ab.dialog.getByTestId("ab-differences").locator("ins", { hasText: "length" }).first()).toBeVisible();
    await expect(ab.dialog.getByTestId("ab-differences")).toContainText("Rome");
    await expect(ab.dialog.getByRole("table", { name: "Every round" }).getByRole("row").nth(1)).toContainText(/Version [12]/);

    await ab.dialog.getByRole("button", { name: "Create link" }).click();
    const link = ab.dialog.getByRole("textbox", { name: "Share link" });
    await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
    const reader = await page.context().newPage();
    await reader.goto(await link.inputValue());
    await expect(reader.getByRole("heading", { name: "Blind A/B", exact: true })).toBeVisible();
    await expect(reader.getByText(`Two versions of the prompt “${name}”: Version 1 (one line) and Version 2 (at length).`)).toBeVisible();
    await expect(reader.getByRole("list", { name: "Message judged" })).toContainText("Versions test");
    await expect(reader.getByRole("table", { name: "The two versions' parameters" }).getByRole("row", { name: /^Temperature \(differs\) 0 1\.5$/ })).toBeVisible();
    await expect(reader.getByTestId("ab-differs")).toHaveText("The versions differ in System Message, Temperature (0 vs 1.5).");
    await expect(reader.getByTestId("ab-tally").getByRole("row", { name: /^Version 2 \(at length\) won/ })).toBeVisible();
    await expect(reader.getByRole("table", { name: "Every round" }).getByRole("row")).toHaveCount(3);
    await reader.close();
  });

  test("blind A/B: three rounds judged as A, B or a tie (one by keyboard), then the tally per setting, copied and shared as a link", async ({ page }) => {
    test.setTimeout(300_000);
    const app = new PlaygroundPage(page);
    await app.open();
    await setPanel(app, "Max Tokens", "8");
    await setPanel(app, "Temperature", "0");
    const ab = new BlindAbDialog(page);
    await ab.open();
    // No conversation yet: the message is typed here.
    await expect(ab.message).toHaveValue("");
    await ab.message.fill(`A/B test ${Date.now()}: a short greeting`);
    await ab.setSetting2("Temperature", "1.5");
    await ab.rounds.fill("3");
    await ab.dialog.getByRole("button", { name: "Start", exact: true }).click();

    // Round 1: A. Round 2, by keyboard: Tie, then Enter on Next (focus moves there). Round 3: B.
    await expect(ab.round(1, 3)).toBeVisible();
    await expect(ab.pick("A is better")).toBeEnabled({ timeout: 120_000 });
    await expect(ab.dialog.getByTestId("ab-reply-A").getByTestId("ab-reply-text")).toBeVisible();
    await expect(ab.dialog.getByTestId("ab-reply-B").getByTestId("ab-reply-text")).toBeVisible();
    await ab.pick("A is better").click();
    await expect(ab.pick("A is better")).toHaveAttribute("aria-pressed", "true");
    await ab.dialog.getByRole("button", { name: "Next sample" }).click();

    await expect(ab.round(2, 3)).toBeVisible();
    await expect(ab.pick("Tie")).toBeEnabled({ timeout: 120_000 });
    await ab.pick("Tie").focus();
    await page.keyboard.press("Enter");
    await expect(ab.dialog.getByRole("button", { name: "Next sample" })).toBeFocused();
    await page.keyboard.press("Enter");

    await expect(ab.round(3, 3)).toBeVisible();
    await expect(ab.pick("B is better")).toBeEnabled({ timeout: 120_000 });
    await ab.pick("B is better").click();
    await ab.dialog.getByRole("button", { name: "Reveal results" }).click();

    await expect(ab.dialog.getByRole("heading", { name: "Revealed: 3 of 3 rounds judged" })).toBeVisible();
    await expect(ab.dialog.getByText("The settings differ in Temperature (0 vs 1.5).")).toBeVisible();
    const tally = ab.dialog.getByTestId("ab-tally");
    await expect(tally.getByRole("row", { name: /^Ties 1/ })).toBeVisible();
    // A and B were each picked once; whichever settings were behind them, the wins add up to 2.
    const wins = await Promise.all(
      ["Setting 1 (the panel's)", "Setting 2 (edited copy)"].map(async (name) => Number(((await tally.getByRole("row", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}`) }).textContent()) ?? "").match(/won (\d+)/)?.[1])),
    );
    expect(wins[0] + wins[1]).toBe(2);
    await expect(ab.dialog.getByRole("table", { name: "Every round" }).getByRole("row")).toHaveCount(4);
    await expect(ab.dialog.getByRole("button", { name: "Copy results" })).toBeVisible();

    // Shared: a page with the message, both settings and the same tally, without the replies.
    await ab.dialog.getByRole("button", { name: "Create link" }).click();
    const link = ab.dialog.getByRole("textbox", { name: "Share link" });
    await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
    const reader = await page.context().newPage();
    await reader.goto(await link.inputValue());
    await expect(reader.getByRole("heading", { name: "Blind A/B", exact: true })).toBeVisible();
    await expect(reader.getByRole("list", { name: "Message judged" })).toContainText("A/B test");
    await expect(reader.getByRole("table", { name: "The two settings" }).getByRole("row", { name: /^Temperature \(differs\) 0 1\.5$/ })).toBeVisible();
    await expect(reader.getByTestId("ab-tally").getByRole("row", { name: /^Ties 1/ })).toBeVisible();
    await expect(reader.getByRole("table", { name: "Every round" }).getByRole("row")).toHaveCount(4);
    await reader.close();
  });
});
