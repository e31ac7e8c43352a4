import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { PlaygroundPage } from "./playground-page";

const historyDialog = (page: Page) => page.getByRole("dialog", { name: "History" });

async function openHistory(page: Page) {
  await page.getByRole("button", { name: "History", exact: true }).click();
  const dialog = historyDialog(page);
  await expect(dialog.getByRole("list", { name: "Conversations" })).toBeVisible();
  return dialog;
}

/** Clicks `button` and returns the text of the file it downloads. */
async function downloaded(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), "utf8") };
}

const versions = (reply: Locator) => reply.getByRole("group", { name: "Versions of this message" });

test.describe("Conversation files (demo model)", () => {
  test("export JSON and Markdown, import the JSON back as an equal conversation, reject a malformed file, copy as messages", async ({ browser }, testInfo) => {
    // Copy as messages is read back from the clipboard: the context must allow it.
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("6");
    await app.numberInput("Max Tokens").press("Enter");

    await app.send("Tides and the moon");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await app.lastReply().getByRole("button", { name: "Regenerate", exact: true }).click();
    await expect(versions(app.lastReply())).toContainText("2 / 2");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    const replyText = (await app.lastReplyText().textContent()) ?? "";

    let dialog = await openHistory(page);
    const rows = dialog.getByRole("list", { name: "Conversations" }).getByRole("listitem");
    await expect(rows).toHaveCount(1);
    const current = dialog.getByRole("region", { name: "This conversation" });

    // JSON: the whole tree (the question and both versions of the reply) and the settings.
    const json = await downloaded(page, current.getByRole("button", { name: "Export JSON" }));
    expect(json.name).toBe("tides-and-the-moon.conversation.json");
    const file = JSON.parse(json.text);
    expect(file).toMatchObject({ format: "mixtral-playground.conversation", version: 1, title: "Tides and the moon", params: { maxTokens: 6 } });
    expect(Object.keys(file.tree.nodes)).toHaveLength(3);
    // It names its schema, served at a stable address.
    const schema = await page.request.get(file.$schema);
    expect(schema.ok()).toBe(true);
    expect(await schema.json()).toMatchObject({ title: "Mixtral playground conversation file" });
    const question = file.tree.nodes[file.tree.activeRoot];
    expect(question.message).toMatchObject({ role: "user", content: "Tides and the moon" });
    expect(question.children).toHaveLength(2);
    const shownReply = file.tree.nodes[question.active].message;
    expect(shownReply).toMatchObject({ role: "assistant", state: "done", generation: { params: { maxTokens: 6 } } });
    expect(shownReply.usage.completionTokens).toBeGreaterThan(0);
    expect(shownReply.metrics.totalMs).toBeGreaterThan(0);

    // The same export from the conversation's row.
    const fromRow = await downloaded(page, dialog.getByRole("button", { name: "Export JSON of Tides and the moon" }));
    expect(JSON.parse(fromRow.text).tree).toEqual(file.tree);

    // Markdown: readable, with the settings and the shown path.
    const markdown = await downloaded(page, current.getByRole("button", { name: "Export Markdown" }));
    expect(markdown.name).toBe("tides-and-the-moon.md");
    expect(markdown.text).toMatch(/^# Tides and the moon\n/);
    expect(markdown.text).toContain("- Max Tokens: 6\n");
    expect(markdown.text).toContain("**You**\n\nTides and the moon");
    expect(markdown.text).toContain(`**Assistant**\n\n${shownReply.content}`);

    // Copy as messages: OpenAI's messages array of the shown path, system message first.
    await current.getByRole("button", { name: "Copy as messages" }).click();
    await expect(current.getByRole("button", { name: "Copied" })).toBeVisible();
    const messages = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    expect(messages.map((m: { role: string }) => m.role)).toEqual(["system", "user", "assistant"]);
    expect(messages.slice(1)).toEqual([
      { role: "user", content: "Tides and the moon" },
      { role: "assistant", content: shownReply.content },
    ]);

    // A malformed file: the error names the path, and nothing is added to History.
    const broken = structuredClone(file);
    broken.tree.nodes[question.active].message.role = "robot";
    const importInput = dialog.getByLabel("Import conversation file");
    await importInput.setInputFiles({ name: "broken.conversation.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    await expect(dialog.getByRole("alert")).toContainText(`tree.nodes.${question.active}.message.role: must be one of user, assistant, tool`);
    await expect(dialog.getByRole("alert")).toContainText("nothing changed");
    await expect(rows).toHaveCount(1);
    await expect(app.userTexts).toHaveText(["Tides and the moon"]);

    // Import the export back: a new conversation equal to the original, with the file's settings.
    await page.keyboard.press("Escape");
    await app.numberInput("Max Tokens").fill("9");
    await app.numberInput("Max Tokens").press("Enter");
    dialog = await openHistory(page);
    await dialog.getByLabel("Import conversation file").setInputFiles({ name: json.name, mimeType: "application/json", buffer: Buffer.from(json.text) });
    await expect(historyDialog(page)).toBeHidden();
    await expect(app.userTexts).toHaveText(["Tides and the moon"]);
    await expect(app.replies).toHaveCount(1);
    await expect(app.lastReplyText()).toHaveText(replyText);
    await expect(versions(app.lastReply())).toContainText("2 / 2");
    await expect(app.numberInput("Max Tokens")).toHaveValue("6");

    // History keeps it beside the original.
    dialog = await openHistory(page);
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText("(open now)");
    await expect(rows.first()).toContainText("3 messages");
    await context.close();
  });
});
