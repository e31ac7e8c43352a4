import { expect, test, type Page } from "@playwright/test";
import { PlaygroundPage, ShareDialog } from "./playground-page";

const sharedUserTexts = (page: Page) => page.getByRole("listitem", { name: "User message" }).getByTestId("message-text");
const sharedReplyTexts = (page: Page) => page.getByRole("listitem", { name: "Assistant reply" }).getByTestId("reply-text");

test.describe("share links (embedded SQLite)", () => {
  test("share → fresh browser → Open in playground → continue → revoke → 410", async ({ page, browser }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("16");
    await app.numberInput("Max Tokens").press("Tab");
    await app.numberInput("Temperature").fill("0.35");
    await app.numberInput("Temperature").press("Tab");
    await page.getByRole("spinbutton", { name: "Seed" }).fill("1234");
    const prompt = `Share test ${Date.now()}: name three rivers`;
    await app.send(prompt);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    const reply = (await app.lastReplyText().innerText()).trim();

    const share = new ShareDialog(page);
    await share.open();
    const url = await share.createLink("7 days");
    // The same content again: the same link.
    await share.dialog.getByRole("button", { name: "Create link" }).click();
    await expect(share.dialog.getByText("same link")).toBeVisible();
    await expect(share.dialog.getByRole("textbox", { name: "Share link" })).toHaveValue(url);
    await expect(share.myLink(prompt)).toContainText("expires");
    await share.dialog.getByRole("button", { name: "Close" }).click();

    // A stranger opens the link in a fresh browser context.
    const stranger = await browser.newContext();
    const reader = await stranger.newPage();
    const response = await reader.goto(url);
    expect(response?.status()).toBe(200);
    await expect(reader).toHaveTitle(new RegExp(`^“${prompt}” · Mistral: Mixtral 8x7B Instruct`));
    await expect(reader.locator('meta[property="og:description"]')).toHaveAttribute("content", prompt);
    await expect(sharedUserTexts(reader)).toHaveText([prompt]);
    await expect(sharedReplyTexts(reader)).toHaveText([reply]);
    await expect(reader.locator('[data-param="temperature"]')).toHaveText("0.35");
    await expect(reader.locator('[data-param="maxTokens"]')).toHaveText("16");
    await expect(reader.locator('[data-param="topP"]')).toHaveText("0.9");
    await expect(reader.locator('[data-param="seed"]')).toHaveText("1234");
    await expect(reader.getByTestId("shared-system-message")).toHaveText(/helpful AI assistant/);
    await expect(reader.getByRole("note")).toContainText("demo model");
    // The reply's numbers travel with it: tokens, cost, time to first token, speed.
    const sharedStats = reader.getByRole("listitem", { name: "Assistant reply" }).getByTestId("reply-stats");
    await expect(sharedStats.locator('[data-stat="completion-tokens"]')).toHaveText(/^\d+$/);
    await expect(sharedStats.locator('[data-stat="cost"]')).toHaveText(/^\$0\.0+\d+$/);
    await expect(sharedStats.locator('[data-stat="ttft"]')).toHaveText(/^\d+\.\d\d s$/);
    await expect(sharedStats.locator('[data-stat="speed"]')).toHaveText(/tok\/s$/);

    // It reads fully without JavaScript.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(url);
    await expect(sharedUserTexts(plain)).toHaveText([prompt]);
    await expect(sharedReplyTexts(plain)).toHaveText([reply]);
    await noScript.close();

    // Open in playground: the conversation and every parameter, ready to continue.
    await reader.getByRole("link", { name: "Open in playground" }).click();
    const copy = new PlaygroundPage(reader);
    await expect(reader.getByRole("status").filter({ hasText: "Opened a copy of a shared conversation" })).toBeVisible();
    await expect(reader).toHaveURL(/\/$/);
    await expect(copy.userTexts).toHaveText([prompt]);
    await expect(copy.lastReplyText()).toHaveText(reply);
    await expect(copy.numberInput("Temperature")).toHaveValue("0.35");
    await expect(copy.numberInput("Max Tokens")).toHaveValue("16");
    await expect(reader.getByRole("spinbutton", { name: "Seed" })).toHaveValue("1234");
    await copy.send("and two more");
    await expect(copy.replies).toHaveCount(2);
    await expect(copy.lastReply()).toHaveAttribute("data-state", "done");
    const [sent] = await Promise.all([
      reader.waitForRequest("**/api/chat"),
      copy.lastReply().getByRole("button", { name: "Regenerate" }).click(),
    ]);
    expect(sent.postDataJSON()).toMatchObject({ params: { temperature: 0.35, maxTokens: 16, seed: 1234 }, messages: [{ content: prompt }, {}, { content: "and two more" }] });
    await expect(copy.lastReply()).toHaveAttribute("data-state", "done");

    // The snapshot itself never changed.
    await reader.goto(url);
    await expect(sharedUserTexts(reader)).toHaveText([prompt]);

    // The creator revokes it; the link answers 410 with a clear page.
    await share.open();
    await share.myLink(prompt).getByRole("button", { name: "Revoke" }).click();
    await expect(share.myLink(prompt)).toContainText("revoked");
    const gone = await reader.goto(url);
    expect(gone?.status()).toBe(410);
    await expect(reader.getByRole("heading", { name: "This link was removed" })).toBeVisible();
    expect((await reader.request.get(url.replace("/s/", "/api/shares/"))).status()).toBe(410);

    const unknown = await reader.goto(url.replace(/[A-Za-z0-9_-]{22}$/, "AAAAAAAAAAAAAAAAAAAAAA"));
    expect(unknown?.status()).toBe(404);
    await expect(reader.getByRole("heading", { name: "No shared conversation here" })).toBeVisible();
    await stranger.close();
  });

  test("bad share requests get clear errors and store nothing", async ({ request }) => {
    const malformed = await request.post("/api/shares", { headers: { "Content-Type": "application/json" }, data: Buffer.from("{not json") });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.message).toContain("body is not valid JSON");

    const badParam = await request.post("/api/shares", {
      data: { systemMessage: "", params: { topP: 3 }, messages: [{ role: "user", content: "hi" }] },
    });
    expect(badParam.status()).toBe(400);
    expect((await badParam.json()).error.fields).toEqual([{ field: "params.topP", message: "Top P must be at most 1" }]);

    const huge = await request.post("/api/shares", {
      data: { params: {}, messages: Array.from({ length: 4 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: "x".repeat(150_000) })) },
    });
    expect(huge.status()).toBe(413);
    expect((await huge.json()).error.message).toContain("limit is 512 KB");
  });
});
