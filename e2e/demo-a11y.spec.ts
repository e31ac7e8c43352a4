/**
 * Every page, dialog and panel state passes axe-core's WCAG 2.0/2.1 A and AA rules, in the light
 * and the dark theme (the app follows `prefers-color-scheme`, emulated here). A test collects the
 * violations of every state it visits and fails once at the end, listing each rule, its impact and
 * the selectors of the elements it found, so one run shows everything there is to fix.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { BlindAbDialog, PlaygroundPage, SampleSpreadDialog, ShareDialog, TestCasesDialog } from "./playground-page";
import { startOwnServer, type OwnServer } from "./support/own-server";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const SCHEMES = ["light", "dark"] as const;
type Scheme = (typeof SCHEMES)[number];
/** The page background of each theme (app/globals.css): proof the emulated scheme took effect. */
const APP_BACKGROUND: Record<Scheme, string> = { light: "rgb(255, 255, 255)", dark: "rgb(11, 15, 23)" };
const ACCESS_KEY = "e2e-a11y-access-code-8c1d5e0b";

/** Runs axe on the page as it is now and keeps a readable line per violation. */
class Audit {
  readonly found: string[] = [];
  readonly checked: string[] = [];

  constructor(readonly scheme: Scheme) {}

  async check(page: Page, state: string) {
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    this.checked.push(state);
    for (const v of violations) {
      const targets = v.nodes.map((n) => `      ${n.target.map(String).join(" >> ")}${n.failureSummary ? `\n        ${n.failureSummary.replaceAll("\n", "\n        ")}` : ""}`);
      this.found.push(`[${this.scheme}] ${state}: ${v.id} (${v.impact ?? "no impact"}) ${v.help} [${v.nodes.length} node(s)]\n${targets.join("\n")}`);
    }
  }

  expectClean() {
    const report = `${this.found.length} axe violation(s) in the ${this.scheme} theme; states checked: ${this.checked.join("; ")}\n\n${this.found.join("\n\n")}\n`;
    expect(this.found.length, report).toBe(0);
  }
}

async function useScheme(page: Page, scheme: Scheme) {
  await page.emulateMedia({ colorScheme: scheme });
}

async function expectTheme(page: Page, scheme: Scheme, background = APP_BACKGROUND[scheme]) {
  expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(scheme === "dark");
  await expect(page.locator("body")).toHaveCSS("background-color", background);
}

for (const scheme of SCHEMES) {
  test.describe(`${scheme} theme`, () => {
    test(`playground, its dialogs, a share page and the removed-share page pass axe (${scheme})`, async ({ page }) => {
      // The longest walk of the suite: two dozen states, each audited.
      test.setTimeout(150_000);
      const audit = new Audit(scheme);
      await useScheme(page, scheme);
      const app = new PlaygroundPage(page);
      await app.open();
      await expectTheme(page, scheme);
      await audit.check(page, "playground, empty");

      // A FAQ entry opened: its answer is visible content too.
      const faq = page.locator("details").first();
      await faq.locator("summary").click();
      await expect(faq).toHaveAttribute("open", "");
      await audit.check(page, "playground, FAQ entry open");

      // Dialogs before there is anything to share.
      const share = new ShareDialog(page);
      await share.open();
      await expect(share.dialog.getByText("Send a message first")).toBeVisible();
      await audit.check(page, "Share dialog, empty conversation");
      await page.keyboard.press("Escape");
      await expect(share.dialog).toBeHidden();

      // A draft in the composer: Send is enabled.
      const prompt = `Accessibility check ${scheme} ${Date.now()}`;
      await app.composer.fill(prompt);
      await expect(app.button("Send")).toBeEnabled();
      await audit.check(page, "playground, draft typed");

      // While a reply streams (Stop shown), and once it is stopped.
      await app.numberInput("Max Tokens").fill("400");
      await app.numberInput("Max Tokens").press("Tab");
      await app.composer.press("Enter");
      await expect(app.button("Stop")).toBeVisible();
      await expect.poll(async () => ((await app.lastReplyText().textContent()) ?? "").length).toBeGreaterThan(0);
      await audit.check(page, "playground, reply streaming");
      await app.button("Stop").click();
      await expect(app.lastReply()).toHaveAttribute("data-state", "stopped");
      await audit.check(page, "playground, reply stopped");

      // A finished streamed reply.
      await app.numberInput("Max Tokens").fill("12");
      await app.numberInput("Max Tokens").press("Tab");
      await page.getByRole("spinbutton", { name: "Seed" }).fill("7");
      await app.send("and a short one");
      await expect(app.replies).toHaveCount(2);
      await expect(app.lastReply()).toHaveAttribute("data-state", "done");
      await expect(app.lastReply().getByTestId("reply-stats")).toBeVisible();
      await audit.check(page, "playground, finished reply");

      // Editing a message: the inline form.
      await app.userMessages.last().getByRole("button", { name: "Edit" }).click();
      await expect(page.getByRole("textbox", { name: "Edit message" })).toBeVisible();
      await audit.check(page, "playground, editing a message");
      await page.getByRole("button", { name: "Cancel" }).click();

      // Prompts: variables (one without a value, its settings open), Save prompt, the library, a prompt's versions.
      await app.composer.fill("Summarise {{topic}} for {{audience}}");
      const variables = page.getByRole("region", { name: "Variables" });
      await variables.getByRole("textbox", { name: "audience" }).fill("children");
      await variables.getByRole("button", { name: "Settings of topic" }).click();
      await expect(variables.getByText("Needs a value")).toBeVisible();
      await audit.check(page, "playground, variables (one without a value, its settings open)");
      await page.getByRole("button", { name: "Save prompt" }).click();
      const save = page.getByRole("dialog", { name: "Save prompt" });
      await save.getByRole("textbox", { name: "Name" }).fill(`Accessibility ${scheme}`);
      await audit.check(page, "Save prompt dialog");
      await save.getByRole("button", { name: "Save", exact: true }).click();
      await save.getByRole("button", { name: "Save version" }).click();
      await expect(save.getByRole("status")).toHaveText(`Saved "Accessibility ${scheme}", version 2.`);
      await audit.check(page, "Save prompt dialog, a version saved");
      await save.getByRole("button", { name: "Close" }).click();
      await page.getByRole("button", { name: "Prompts", exact: true }).click();
      const library = page.getByRole("dialog", { name: "Prompt library" });
      await expect(library.getByRole("list", { name: "Saved prompts" }).getByRole("listitem")).toHaveCount(1);
      await audit.check(page, "Prompt library");
      await library.getByRole("button", { name: "Versions" }).click();
      await expect(library.getByTestId("version-diff")).toContainText("No differences.");
      await audit.check(page, "Prompt library, a prompt's versions");
      await library.getByRole("button", { name: "Close" }).click();
      await app.composer.fill("");

      // View code: default target, then another language and the local engine.
      await page.getByRole("button", { name: "View code", exact: true }).click();
      const code = page.getByRole("dialog", { name: "View code" });
      await expect(code.getByTestId("code-snippet")).toBeVisible();
      await audit.check(page, "View code dialog");
      await code.getByRole("radio", { name: "This server (local engine)" }).check();
      await code.getByRole("button", { name: "Python", exact: true }).click();
      await expect(code.getByTestId("code-snippet")).toContainText("import requests");
      await audit.check(page, "View code dialog, Python on this server");
      await code.getByRole("button", { name: "Close" }).click();
      await expect(code).toBeHidden();

      // Share: a created link and the list of this browser's links.
      await share.open();
      await audit.check(page, "Share dialog");
      const url = await share.createLink("7 days");
      await expect(share.myLink(prompt)).toContainText("expires");
      await audit.check(page, "Share dialog, link created");
      await share.dialog.getByRole("button", { name: "Close" }).click();

      // The share page, read by anyone with the link.
      const shared = await page.goto(url);
      expect(shared?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: "Settings used" })).toBeVisible();
      await expectTheme(page, scheme);
      await audit.check(page, "share page /s/<id>");

      // Open in playground: the copy loads with its notice.
      await page.getByRole("link", { name: "Open in playground" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Opened a copy of a shared conversation" })).toBeVisible();
      await expect(app.userTexts).toHaveText([prompt, "and a short one"]);
      await audit.check(page, "playground, opened a shared copy");

      // Revoked: the link answers 410 with its own page.
      await share.open();
      await share.myLink(prompt).getByRole("button", { name: "Revoke" }).click();
      await expect(share.myLink(prompt)).toContainText("revoked");
      await audit.check(page, "Share dialog, link revoked");
      await page.keyboard.press("Escape");
      const gone = await page.goto(url);
      expect(gone?.status()).toBe(410);
      await expect(page.getByRole("heading", { name: "This link was removed" })).toBeVisible();
      // The removed page paints with the system colours (Canvas), not the app's palette.
      expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(scheme === "dark");
      await audit.check(page, "removed share page (410)");

      const unknown = await page.goto(url.replace(/[A-Za-z0-9_-]{22}$/, "AAAAAAAAAAAAAAAAAAAAAA"));
      expect(unknown?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "No shared conversation here" })).toBeVisible();
      await audit.check(page, "unknown share page (404)");

      // The Usage page, with this run's replies in its table, reached from the playground's header.
      await app.open();
      await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Usage" }).click();
      await expect(page.getByRole("heading", { name: "Usage", exact: true })).toBeVisible();
      await expect(page.getByRole("table", { name: "Usage per day, model and surface" })).toContainText("Playground");
      await audit.check(page, "usage page");

      audit.expectClean();
    });

    test(`versions of a reply, their share page, History and model input pass axe (${scheme})`, async ({ page }) => {
      // Nine audited states, a share created and its page opened.
      test.setTimeout(90_000);
      const audit = new Audit(scheme);
      await useScheme(page, scheme);
      const app = new PlaygroundPage(page);
      await app.open();
      await app.numberInput("Max Tokens").fill("6");
      await app.numberInput("Max Tokens").press("Enter");
      await app.send("A short question");
      await expect(app.lastReply()).toHaveAttribute("data-state", "done");
      await app.button("Regenerate").click();
      await expect(app.lastReply()).toHaveAttribute("data-state", "done");
      await expect(app.lastReply().getByRole("group", { name: "Versions of this message" })).toContainText("2 / 2");
      await audit.check(page, "playground, a reply with two versions");

      // Shared with its other versions: the dialog's option, and the navigator on the share page.
      const share = new ShareDialog(page);
      await share.open();
      await share.dialog.getByRole("checkbox", { name: /^Include other versions/ }).check();
      await audit.check(page, "Share dialog, including the other versions");
      const url = await share.createLink();
      await share.dialog.getByRole("button", { name: "Close" }).click();
      const reader = await page.context().newPage();
      await useScheme(reader, scheme);
      await reader.goto(url);
      const sharedVersions = reader.getByRole("listitem", { name: "Assistant reply" }).getByRole("group", { name: "Versions of this message" });
      await expect(sharedVersions.getByRole("button", { name: "Previous version" })).toBeEnabled();
      await expectTheme(reader, scheme);
      await audit.check(reader, "share page with other versions");
      await sharedVersions.getByRole("button", { name: "Previous version" }).click();
      await expect(sharedVersions).toContainText("1 / 2");
      await audit.check(reader, "share page, the other version shown");
      await reader.close();

      await app.lastReply().getByRole("button", { name: "Show model input" }).click();
      await expect(page.getByRole("dialog", { name: "Model input" }).getByTestId("model-input-text")).toBeVisible();
      await audit.check(page, "Model input dialog");
      await page.keyboard.press("Escape");

      await page.getByRole("button", { name: "History", exact: true }).click();
      const history = page.getByRole("dialog", { name: "History" });
      await expect(history.getByRole("list", { name: "Conversations" }).getByRole("listitem")).toHaveCount(1);
      await history.getByRole("button", { name: "Rename" }).click();
      await audit.check(page, "History dialog, renaming");
      await history.getByRole("button", { name: "Cancel" }).click();
      await history.getByRole("button", { name: "Delete" }).click();
      await expect(history.getByRole("button", { name: "Undo" })).toBeVisible();
      await audit.check(page, "History dialog, a deletion to undo");
      await page.keyboard.press("Escape");
      audit.expectClean();
    });

    test(`sample spread (a sweep with its chart, a group opened) and blind A/B (a round, the reveal, on a phone) pass axe (${scheme})`, async ({ page }) => {
      // Nine replies; a 429 from the suite's shared chat limit is waited out (up to a minute).
      test.setTimeout(240_000);
      const audit = new Audit(scheme);
      await useScheme(page, scheme);
      const app = new PlaygroundPage(page);
      await app.open();
      await app.numberInput("Max Tokens").fill("6");
      await app.numberInput("Max Tokens").press("Tab");
      await app.send(`Spread accessibility ${scheme}`);
      await expect(app.lastReply()).toHaveAttribute("data-state", "done");

      const spread = new SampleSpreadDialog(page);
      await spread.open();
      await spread.dialog.getByRole("radio", { name: "Sweep a parameter" }).check();
      await audit.check(page, "Sample spread dialog, sweep set-up");
      await spread.samples.fill("3");
      await spread.dialog.getByRole("combobox", { name: "Steps" }).selectOption("2");
      await spread.run(6);
      await expect(spread.dialog.getByRole("img", { name: /^Agreement and distinct answers by Temperature/ })).toBeVisible();
      await audit.check(page, "Sample spread, a sweep finished with its chart");
      await spread.group(1).getByText(/^Show its \d+ samples?$/).click();
      await expect(spread.group(1).getByRole("button", { name: /^Open as conversation/ }).first()).toBeVisible();
      await audit.check(page, "Sample spread, a group's samples shown");
      await page.keyboard.press("Escape");

      await page.setViewportSize({ width: 375, height: 740 });
      const ab = new BlindAbDialog(page);
      await ab.open();
      await ab.setSetting2("Temperature", "1.5");
      await ab.rounds.fill("1");
      await audit.check(page, "phone, Blind A/B set-up");
      // Prompt versions with no saved prompt open: both pickers disabled, the reason in words.
      await ab.compare("Prompt versions");
      await expect(ab.version("First version")).toBeDisabled();
      await audit.check(page, "phone, Blind A/B set-up, prompt versions with none saved");
      await ab.compare("Settings");
      await ab.dialog.getByRole("button", { name: "Start", exact: true }).click();
      await expect(ab.pick("A is better")).toBeEnabled({ timeout: 120_000 });
      await ab.pick("A is better").click();
      await audit.check(page, "phone, Blind A/B, a round judged");
      await ab.dialog.getByRole("button", { name: "Reveal results" }).click();
      await expect(ab.dialog.getByTestId("ab-tally")).toBeVisible();
      await audit.check(page, "phone, Blind A/B, the tally revealed");
      await ab.dialog.getByRole("button", { name: "Create link" }).click();
      const abLink = ab.dialog.getByRole("textbox", { name: "Share link" });
      await expect(abLink).toHaveValue(/\/s\//);
      await audit.check(page, "phone, Blind A/B, results shared");
      await page.goto(await abLink.inputValue());
      await expect(page.getByTestId("ab-tally")).toBeVisible();
      await expectTheme(page, scheme);
      await audit.check(page, "phone, shared blind A/B page");
      audit.expectClean();
    });

    test(`compare mode, its share dialog and a shared comparison pass axe (${scheme})`, async ({ page, browser }) => {
      const audit = new Audit(scheme);
      await useScheme(page, scheme);
      const app = new PlaygroundPage(page);
      await app.open();
      await app.numberInput("Max Tokens").fill("12");
      await app.numberInput("Max Tokens").press("Tab");
      await page.getByRole("group", { name: "Mode" }).getByRole("button", { name: "Compare" }).click();
      await audit.check(page, "compare mode, empty");
      await page.getByRole("combobox", { name: "Columns", exact: true }).selectOption("3");
      await page.getByRole("button", { name: "Fill columns" }).click();
      await page.getByRole("region", { name: "Column 1", exact: true }).getByText("Parameters", { exact: true }).click();
      await audit.check(page, "compare mode, swept, parameters open");
      await app.send(`Compare accessibility ${scheme} ${Date.now()}`);
      await expect(page.getByTestId("compare-column").first()).toHaveAttribute("data-streaming", "true");
      await audit.check(page, "compare mode, streaming");
      for (const column of await page.getByTestId("compare-column").all()) await expect(column).toHaveAttribute("data-streaming", "false", { timeout: 30_000 });
      await audit.check(page, "compare mode, finished");
      await page.getByRole("combobox", { name: "Highlight differences" }).selectOption({ label: "Column 1 and Column 2" });
      await audit.check(page, "compare mode, differences highlighted");
      await page.getByRole("button", { name: "Share comparison" }).click();
      const dialog = page.getByRole("dialog", { name: "Share this comparison" });
      await dialog.getByRole("button", { name: "Create link" }).click();
      const link = dialog.getByRole("textbox", { name: "Share link" });
      await expect(link).toHaveValue(/\/s\//);
      await audit.check(page, "Share comparison dialog, link created");
      const url = await link.inputValue();
      const context = await browser.newContext({ colorScheme: scheme });
      const reader = await context.newPage();
      await reader.goto(url);
      await expect(reader.getByTestId("shared-column")).toHaveCount(3);
      await audit.check(reader, "shared comparison page");
      await context.close();
      audit.expectClean();
    });

    test(`the Test cases view (cases, a check's error, a run with ratings and summary, on a phone) passes axe (${scheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      const audit = new Audit(scheme);
      await useScheme(page, scheme);
      const app = new PlaygroundPage(page);
      await app.open();
      await app.numberInput("Max Tokens").fill("6");
      await app.numberInput("Max Tokens").press("Tab");
      await page.getByRole("textbox", { name: "System Message" }).fill("Name a {{colour}} {{thing}}.");
      await app.composer.fill("One word.");
      const cases = new TestCasesDialog(page);
      await cases.open();
      await audit.check(page, "Test cases, empty");
      await cases.dialog.getByRole("button", { name: "Paste rows" }).click();
      await cases.dialog.getByRole("textbox", { name: /^Rows to paste/ }).fill("colour\tthing\nred\tfruit\nblue\t\ngreen\tcar\n");
      await cases.dialog.getByRole("button", { name: "Add rows" }).click();
      await expect(cases.input("thing", 3)).toHaveValue("car");
      await cases.dialog.getByRole("textbox", { name: /^Rows to paste/ }).fill("colour,thing,size\nred,box,big\n");
      await cases.dialog.getByRole("button", { name: "Add rows" }).click();
      await expect(cases.dialog.getByRole("alert")).toContainText("Nothing was added");
      await cases.dialog.getByLabel("Check kind").selectOption({ label: "Reply matches a regex" });
      await cases.dialog.getByRole("textbox", { name: "Pattern" }).fill("(a+)+");
      await expect(cases.dialog.getByRole("alert").filter({ hasText: /repeats/ })).toBeVisible();
      await audit.check(page, "Test cases, three rows, a paste error and a refused regex");
      await cases.addCheck("Reply contains", "e");
      await cases.runAll(2);
      // Row 2 has no thing and no default: it is not sent, and says why.
      await expect(cases.cell(2)).toContainText('no value for "thing"');
      await cases.cell(1).getByRole("button", { name: "Good" }).click();
      await expect(cases.table.getByRole("row", { name: "Summary" })).toContainText("1 Good, 0 Bad");
      await audit.check(page, "Test cases, a run finished, rated, with its summary");
      await page.setViewportSize({ width: 375, height: 740 });
      await audit.check(page, "phone, Test cases grid");
      await page.keyboard.press("Escape");
      audit.expectClean();
    });

    test(`functions, JSON replies and the probabilities view pass axe (${scheme})`, async ({ page }) => {
      // Three replies of up to 150 tokens and an axe pass per view: ~45 s alone, more on a busy machine.
      test.setTimeout(120_000);
      const audit = new Audit(scheme);
      await useScheme(page, scheme);
      const app = new PlaygroundPage(page);
      await app.open();
      await app.numberInput("Max Tokens").fill("150");
      await app.numberInput("Max Tokens").press("Tab");
      await page.getByText("Functions", { exact: true }).click();
      await page.getByRole("button", { name: "get_weather" }).click();
      await page.getByRole("combobox", { name: "Tool choice" }).selectOption({ label: "Only get_weather" });
      await audit.check(page, "Functions section with a definition");
      const editor = page.getByRole("textbox", { name: "Function definitions (JSON)" });
      const valid = await editor.inputValue();
      await editor.fill(`${valid},`);
      await audit.check(page, "Functions section, editor showing a problem");
      await editor.fill(valid);
      await app.send(`Axe tools ${scheme}`);
      await expect(app.lastReply()).toHaveAttribute("data-state", "done");
      await expect(page.getByRole("textbox", { name: "Result of get_weather" })).toBeVisible();
      await audit.check(page, "tool-call card and results form");
      await page.getByRole("combobox", { name: "Tool choice" }).selectOption({ label: "None: never call" });
      await page.getByRole("combobox", { name: "Response format" }).selectOption({ label: "JSON schema" });
      await audit.check(page, "Response format with a schema");
      await app.button("Probabilities").click();
      await page.getByRole("textbox", { name: "Result of get_weather" }).fill("18");
      await page.getByRole("button", { name: "Send result" }).click();
      await expect(app.lastReply()).toHaveAttribute("data-state", "done");
      await audit.check(page, "JSON reply with its badge, probabilities on");
      await page.getByRole("combobox", { name: "Response format" }).selectOption({ label: "Text" });
      await app.send(`Axe probabilities ${scheme}`);
      await expect(app.lastReply()).toHaveAttribute("data-state", "done");
      await audit.check(page, "shaded reply");
      await app.lastReply().getByTestId("token-text").locator("[data-index]").nth(2).click();
      await expect(page.getByRole("dialog", { name: /^Token \d+:/ })).toBeVisible();
      await audit.check(page, "token candidates popover");
      audit.expectClean();
    });

    test(`on a phone, the parameter panel and the dialogs pass axe (${scheme})`, async ({ page }) => {
      const audit = new Audit(scheme);
      await useScheme(page, scheme);
      await page.setViewportSize({ width: 375, height: 740 });
      const app = new PlaygroundPage(page);
      await app.open();
      await expectTheme(page, scheme);
      await audit.check(page, "phone, parameters hidden");
      await app.button("Show parameters").click();
      await expect(app.button("Hide parameters")).toHaveAttribute("aria-expanded", "true");
      await expect(app.numberInput("Max Tokens")).toBeVisible();
      await audit.check(page, "phone, parameter panel open");

      await app.numberInput("Max Tokens").fill("6");
      await app.numberInput("Max Tokens").press("Tab");
      await app.send(`Phone accessibility check ${scheme} ${Date.now()}`);
      await expect(app.lastReply()).toHaveAttribute("data-state", "done");
      await audit.check(page, "phone, finished reply");

      await page.getByRole("button", { name: "View code", exact: true }).click();
      const code = page.getByRole("dialog", { name: "View code" });
      await expect(code.getByTestId("code-snippet")).toBeVisible();
      await audit.check(page, "phone, View code dialog");
      await page.keyboard.press("Escape");

      // The prompt library on a phone: a saved prompt, its versions, a template link and its page.
      await page.getByRole("textbox", { name: "System Message" }).fill("Plan a trip to {{city}}.");
      await page.getByRole("button", { name: "Save prompt" }).click();
      const save = page.getByRole("dialog", { name: "Save prompt" });
      await save.getByRole("textbox", { name: "Name" }).fill(`Phone ${scheme}`);
      await save.getByRole("button", { name: "Save", exact: true }).click();
      await expect(save.getByRole("status")).toHaveText(`Saved "Phone ${scheme}", version 1.`);
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Prompts", exact: true }).click();
      const library = page.getByRole("dialog", { name: "Prompt library" });
      await expect(library.getByRole("list", { name: "Saved prompts" }).getByRole("listitem")).toHaveCount(1);
      await audit.check(page, "phone, Prompt library");
      await library.getByRole("button", { name: "Versions" }).click();
      await library.getByRole("button", { name: "Share as template" }).click();
      await library.getByRole("button", { name: "Create link" }).click();
      const templateUrl = await library.getByRole("textbox", { name: "Share link" }).inputValue();
      await audit.check(page, "phone, a prompt's versions with a template link");
      await page.keyboard.press("Escape");
      await page.goto(templateUrl);
      await expect(page.getByRole("link", { name: "Use this prompt" })).toBeVisible();
      await audit.check(page, "phone, template page");
      await page.goBack();
      await expect(page.locator('[data-ready="true"]')).toBeVisible();

      const share = new ShareDialog(page);
      await share.open();
      const url = await share.createLink();
      await audit.check(page, "phone, Share dialog with a link");
      await page.keyboard.press("Escape");

      await page.goto(url);
      await expect(page.getByRole("heading", { name: "Settings used" })).toBeVisible();
      await audit.check(page, "phone, share page");

      audit.expectClean();
    });
  });
}

test.describe("access-code prompt (its own server, ACCESS_KEYS set)", () => {
  let server: OwnServer;
  test.beforeAll(async () => {
    server = await startOwnServer(3105, { ACCESS_KEYS: ACCESS_KEY });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  for (const scheme of SCHEMES) {
    test(`the access-code prompt and its error pass axe (${scheme})`, async ({ page }) => {
      const audit = new Audit(scheme);
      await useScheme(page, scheme);
      await page.goto(server.url);
      const code = page.getByRole("textbox", { name: "Access code" });
      await expect(code).toBeVisible();
      await expectTheme(page, scheme);
      await audit.check(page, "access-code prompt");

      await code.fill("not-the-code-123");
      await code.press("Enter");
      await expect(page.getByRole("alert").filter({ hasText: "access code" })).toBeVisible();
      await audit.check(page, "access-code prompt, wrong code");

      await code.fill(ACCESS_KEY);
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
      // Behind the prompt: the playground on a configured upstream (no demo notice).
      await audit.check(page, "playground after the access code, ModelsLab configured");

      audit.expectClean();
    });
  }
});
