/**
 * The prompt library in the browser: {{variables}} that block Send until filled and are filled in
 * what goes upstream; saving versions, reloading, the versions' diff and Restore; a file exported,
 * deleted and imported back equal; a bad or hostile file refused or shown as text.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { MOCK_URL } from "./support/constants";
import { PlaygroundPage, scrollOpenDialog } from "./playground-page";

test.beforeEach(async ({ request }) => {
  await request.post(`${MOCK_URL}/__reset`);
});

const upstreamRequests = async (request: import("@playwright/test").APIRequestContext) =>
  (await (await request.get(`${MOCK_URL}/__requests`)).json()) as { body: { messages: { role: string; content: string }[]; temperature: number } }[];

const systemMessage = (page: Page) => page.getByRole("textbox", { name: "System Message" });

async function savePrompt(page: Page, { name, note }: { name?: string; note: string }) {
  await page.getByRole("button", { name: "Save prompt" }).click();
  const dialog = page.getByRole("dialog", { name: "Save prompt" });
  if (name !== undefined) await dialog.getByRole("textbox", { name: "Name" }).fill(name);
  await dialog.getByRole("textbox", { name: "Version note" }).fill(note);
  await dialog.getByRole("button", { name: /^Save( version)?$/ }).click();
  const saved = dialog.getByRole("status");
  await expect(saved).toContainText(/Saved ".*", version \d+\./);
  const text = await saved.textContent();
  await dialog.getByRole("button", { name: "Close" }).click();
  return text;
}

async function openLibrary(page: Page) {
  await page.getByRole("button", { name: "Prompts", exact: true }).click();
  const library = page.getByRole("dialog", { name: "Prompt library" });
  await expect(library.getByRole("list", { name: "Saved prompts" })).toBeVisible();
  return library;
}

test.describe("prompt library", () => {
  test("variables appear as they are typed, block Send naming the empty ones, and are filled in the request", async ({ page, request }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await systemMessage(page).fill("You write for {{audience}}.");
    await app.composer.fill("Describe {{city}} in one line. {{first-name}}");
    await expect(page.getByText('"first-name" is not a variable name')).toBeVisible();
    await app.composer.fill("Describe {{city}} in one line.");

    const variables = page.getByRole("region", { name: "Variables" });
    await expect(variables.getByRole("textbox")).toHaveCount(2);
    await expect(app.button("Send")).toBeDisabled();
    await expect(page.getByText("Fill in the variables first: audience, city.")).toBeVisible();
    await app.composer.press("Enter");
    expect(await upstreamRequests(request)).toHaveLength(0);

    await variables.getByRole("textbox", { name: "audience" }).fill("children");
    await variables.getByRole("button", { name: "Settings of city" }).click();
    await variables.getByRole("textbox", { name: "Default value" }).fill("Rome");
    await expect(app.button("Send")).toBeEnabled();
    await app.composer.press("Enter");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");

    const [sent] = await upstreamRequests(request);
    expect(sent.body.messages).toEqual([
      { role: "system", content: "You write for children." },
      { role: "user", content: "Describe Rome in one line." },
    ]);
    // The conversation keeps the template; a new value fills the next request.
    await expect(app.userTexts).toHaveText(["Describe {{city}} in one line."]);
  });

  test("saves versions that survive a reload, diffs two, restores one and opens it", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await systemMessage(page).fill("Answer in one careful sentence.");
    await app.numberInput("Temperature").fill("0.3");
    await app.numberInput("Temperature").press("Tab");
    await app.composer.fill("Tell me about {{topic}}.");
    expect(await savePrompt(page, { name: "One-liner", note: "first try" })).toBe('Saved "One-liner", version 1.');

    await systemMessage(page).fill("Answer in one short sentence.");
    await app.numberInput("Temperature").fill("0.9");
    await app.numberInput("Temperature").press("Tab");
    expect(await savePrompt(page, { note: "warmer" })).toBe('Saved "One-liner", version 2.');

    await page.reload();
    await expect(page.locator('[data-ready="true"]')).toBeVisible();
    const library = await openLibrary(page);
    const item = library.getByRole("listitem").filter({ hasText: "One-liner" });
    await expect(item).toContainText("2 versions");
    await library.getByRole("searchbox", { name: "Search prompts" }).fill("nothing like it");
    await expect(library.getByRole("list", { name: "Saved prompts" }).getByRole("listitem")).toHaveCount(0);
    await library.getByRole("searchbox", { name: "Search prompts" }).fill("one-LIN");
    await item.getByRole("button", { name: "Versions" }).click();

    await expect(library.getByRole("list", { name: "Versions" }).getByRole("listitem")).toHaveCount(2);
    const diff = library.getByTestId("version-diff");
    await expect(diff.locator("del")).toHaveText(["careful"]);
    await expect(diff.locator("ins")).toHaveText(["short"]);
    await expect(diff.getByRole("row", { name: /Temperature/ })).toContainText(/0\.3\s*0\.9/);

    await library.getByRole("group", { name: "Actions for version 1" }).getByRole("button", { name: "Restore" }).click();
    await expect(library.getByRole("status").first()).toHaveText("Version 1 restored as version 3.");
    await library.getByRole("group", { name: "Actions for version 3" }).getByRole("button", { name: "Open" }).click();
    await expect(library).toBeHidden();
    await expect(systemMessage(page)).toHaveValue("Answer in one careful sentence.");
    await expect(app.numberInput("Temperature")).toHaveValue("0.3");
    await expect(app.composer).toHaveValue("Tell me about {{topic}}.");
    await expect(page.getByRole("region", { name: "Variables" }).getByRole("textbox", { name: "topic" })).toBeVisible();
  });

  test("a prompt exported, deleted and imported back is equal; a bad file is refused naming the path; a hostile name stays text", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await systemMessage(page).fill("Be brief about {{thing}}.");
    await savePrompt(page, { name: "Brief", note: "v1" });
    await savePrompt(page, { note: "v2" });

    // View code on the open prompt: its file and a script that loads it.
    await page.getByRole("button", { name: "View code", exact: true }).click();
    const code = page.getByRole("dialog", { name: "View code" });
    await expect(code.getByRole("heading", { name: "“Brief”, version 2, as a file" })).toBeVisible();
    await expect(code.getByTestId("prompt-file-script")).toContainText('readFileSync(new URL("./brief.prompt.json", import.meta.url)');
    const fromCode = page.waitForEvent("download");
    await code.getByRole("button", { name: "Download prompt file" }).click();
    expect((await fromCode).suggestedFilename()).toBe("brief.prompt.json");
    await code.getByRole("button", { name: "Close" }).click();

    let library = await openLibrary(page);
    const download = page.waitForEvent("download");
    await library.getByRole("group", { name: "Actions for Brief" }).getByRole("button", { name: "Export" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("brief.prompt.json");
    const exported = JSON.parse(await readFile((await file.path())!, "utf8"));
    expect(exported).toMatchObject({ format: "mixtral-playground.prompts", formatVersion: 1, prompts: [{ name: "Brief", versions: [{ note: "v1" }, { note: "v2" }] }] });

    await library.getByRole("group", { name: "Actions for Brief" }).getByRole("button", { name: "Delete" }).click();
    await library.getByRole("button", { name: "Confirm delete" }).click();
    await expect(library.getByText("No saved prompts yet.")).toBeVisible();

    const importFile = library.getByLabel("Import prompt file");
    await importFile.setInputFiles({ name: "brief.prompt.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(exported)) });
    await expect(library.getByRole("status")).toHaveText('Imported "brief.prompt.json": 1 prompt added.');
    const again = page.waitForEvent("download");
    await library.getByRole("button", { name: "Export all" }).click();
    const reexported = JSON.parse(await readFile((await (await again).path())!, "utf8"));
    expect(reexported.prompts).toEqual(exported.prompts);

    const bad = structuredClone(exported);
    bad.prompts[0].versions[1].params.temperature = 3;
    bad.prompts[0].id = "another_prompt_id";
    await importFile.setInputFiles({ name: "bad.prompt.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
    const alert = library.getByRole("alert");
    await expect(alert).toContainText('"bad.prompt.json" was not imported; nothing changed');
    await expect(alert).toContainText("prompts[0].versions[1].params.temperature: Temperature must be at most 2");
    await expect(library.getByRole("list", { name: "Saved prompts" }).getByRole("listitem")).toHaveCount(1);

    const hostile = structuredClone(exported);
    hostile.prompts[0] = { ...hostile.prompts[0], id: "hostile_prompt_1", name: '<img src=x onerror="window.__xss=1">', description: "<script>window.__xss=2</script>" };
    await importFile.setInputFiles({ name: "hostile.prompt.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(hostile)) });
    await expect(library.getByText('<img src=x onerror="window.__xss=1">')).toBeVisible();
    await expect(library.locator("img")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    // The page's starter prompts are read-only examples: Open puts one in the composer.
    await library.getByRole("button", { name: "Open example: Compare REST vs GraphQL APIs" }).click();
    await expect(app.composer).toHaveValue("Compare REST vs GraphQL APIs");
    library = page.getByRole("dialog", { name: "Prompt library" });
    await expect(library).toBeHidden();
  });

  test("a version shared as a template shows its settings and variables, and Use this prompt opens it with the values filled", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await systemMessage(page).fill("You guide visitors around {{city}}.");
    await app.composer.fill("Plan {{days}} days for me.");
    const variables = page.getByRole("region", { name: "Variables" });
    await variables.getByRole("button", { name: "Settings of days" }).click();
    await variables.getByRole("textbox", { name: "Default value" }).fill("3");
    await savePrompt(page, { name: "Trip planner", note: "v1" });

    const library = await openLibrary(page);
    await library.getByRole("group", { name: "Actions for Trip planner" }).getByRole("button", { name: "Versions" }).click();
    await library.getByRole("group", { name: "Actions for version 1" }).getByRole("button", { name: "Share as template" }).click();
    const sharing = library.getByRole("region", { name: "Share version 1 as a template" });
    await sharing.getByLabel("Link expires").selectOption({ label: "Never" });
    await sharing.getByRole("button", { name: "Create link" }).click();
    const link = sharing.getByRole("textbox", { name: "Share link" });
    await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
    const url = await link.inputValue();

    const shared = await page.goto(url);
    expect(shared?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Trip planner" })).toBeVisible();
    await expect(page.getByTestId("shared-system-message")).toHaveText("You guide visitors around {{city}}.");
    const form = page.getByRole("group", { name: "Variables" });
    await expect(form.getByRole("textbox", { name: "days" })).toHaveValue("3");
    await form.getByRole("textbox", { name: "city" }).fill("Lisbon");
    await page.getByRole("link", { name: "Use this prompt" }).click();

    await expect(page.getByRole("status").filter({ hasText: "Opened the shared prompt “Trip planner”" })).toBeVisible();
    await expect(systemMessage(page)).toHaveValue("You guide visitors around {{city}}.");
    await expect(app.composer).toHaveValue("Plan {{days}} days for me.");
    const opened = page.getByRole("region", { name: "Variables" });
    await expect(opened.getByRole("textbox", { name: "city" })).toHaveValue("Lisbon");
    await expect(opened.getByRole("textbox", { name: "days" })).toHaveAttribute("placeholder", "3");
    await expect(app.button("Send")).toBeEnabled();
  });

  test("a library of 300 prompts draws only the rows near the view, counts them all, and reaches the last by scrolling", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await systemMessage(page).fill("Be brief about {{thing}}.");
    await savePrompt(page, { name: "Seed", note: "v1" });
    let library = await openLibrary(page);
    const download = page.waitForEvent("download");
    await library.getByRole("group", { name: "Actions for Seed" }).getByRole("button", { name: "Export" }).click();
    const seed = JSON.parse(await readFile((await (await download).path())!, "utf8"));
    await library.getByRole("button", { name: "Close" }).click();

    // 299 more, newest first by their save time: "Bulk 1" the newest, "Bulk 299" the oldest.
    const prompts = Array.from({ length: 299 }, (_, i) => ({
      ...seed.prompts[0],
      id: `bulk_prompt_${i + 1}`,
      name: `Bulk ${i + 1}`,
      versions: seed.prompts[0].versions.map((v: { createdAt: string }) => ({ ...v, createdAt: new Date(Date.UTC(2026, 10, 30) - i * 60_000).toISOString() })),
    }));
    library = await openLibrary(page);
    await library.getByLabel("Import prompt file").setInputFiles({ name: "bulk.prompt.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ ...seed, prompts })) });
    await expect(library.getByRole("status")).toContainText('Imported "bulk.prompt.json": 299 prompts added.');
    await expect(library.getByRole("heading", { name: "Saved prompts (300)" })).toBeVisible();

    const list = library.getByRole("list", { name: "Saved prompts" });
    const rows = list.getByRole("listitem");
    await expect(rows.first()).toHaveAttribute("aria-setsize", "300");
    const drawn = await rows.count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(60);

    // Scrolled to the end: the last row is drawn and in view, the first no longer drawn.
    await scrollOpenDialog(page, "end");
    const last = list.locator('li[aria-posinset="300"]');
    await expect(last).toBeInViewport();
    await expect(list.locator('li[aria-posinset="1"]')).toHaveCount(0);

    // A search draws its matches from the top.
    await library.getByRole("searchbox", { name: "Search prompts" }).fill("bulk 29");
    await expect(library.getByRole("heading", { name: "Saved prompts (11 of 300)" })).toBeVisible();
    await expect(rows).toHaveCount(11);
    await expect(rows.first()).toHaveAttribute("aria-posinset", "1");
  });
});
