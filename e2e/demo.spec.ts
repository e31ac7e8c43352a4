import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./playground-page";

test.describe("playground on the embedded demo model", () => {
  test("header, demo notice, starter prompts", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await expect(page.getByRole("heading", { level: 1, name: "Mistral: Mixtral 8x7B Instruct" })).toBeVisible();
    await expect(page.getByTestId("upstream")).toContainText("Local llama.cpp engine");
    await expect(page.getByTestId("upstream")).toContainText("mixtral-demo-random-8x-tiny.gguf");
    await expect(page.getByRole("note", { name: "Demo model notice" })).toContainText("replies are random text");
    await expect(app.button("Copy model ID")).toBeVisible();
    for (const prompt of [
      "Explain quantum computing in simple terms",
      "Write a Python function to sort a list",
      "Create a marketing email for a SaaS product",
      "Compare REST vs GraphQL APIs",
    ]) {
      await expect(app.button(prompt)).toBeVisible();
    }
    for (const label of ["Temperature", "Max Tokens", "Top P", "Frequency Penalty", "Presence Penalty"]) {
      await expect(app.slider(label)).toBeVisible();
      await expect(app.numberInput(label)).toBeVisible();
    }
    await expect(page.getByRole("textbox", { name: "System Message" })).toHaveValue(
      "You are a helpful AI assistant specialized in providing accurate and detailed responses.",
    );
    // The embedded engine's window (LOCAL_CONTEXT_SIZE, 8,192 by default) bounds Max Tokens, not Mixtral's 32,768.
    await expect(app.slider("Max Tokens")).toHaveAttribute("max", "8192");
  });

  test("starter prompt streams visibly, Stop keeps the partial reply, Regenerate replaces it", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.button("Explain quantum computing in simple terms").click();
    await expect(app.userTexts).toHaveText(/Explain quantum computing in simple terms/);
    await expect(app.button("Stop")).toBeVisible();

    const lengths = await app.sampleGrowth(6, 150);
    const steps = new Set(lengths.filter((n) => n > 0));
    expect(steps.size, `reply lengths over time: ${lengths}`).toBeGreaterThanOrEqual(3);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);

    await app.button("Stop").click();
    await expect(app.lastReply()).toHaveAttribute("data-state", "stopped");
    const partial = (await app.lastReplyText().textContent()) ?? "";
    expect(partial.length).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await expect(app.lastReplyText()).toHaveText(partial);
    await expect(app.lastReply()).toContainText("Stopped — the partial reply is kept.");

    await app.button("Regenerate").click();
    await expect(app.replies).toHaveCount(1);
    await expect(app.lastReply()).toHaveAttribute("data-state", "streaming");
    await expect.poll(async () => ((await app.lastReplyText().textContent()) ?? "").length).toBeGreaterThan(5);
    await app.button("Stop").click();
    await expect(app.lastReply()).toHaveAttribute("data-state", "stopped");
    expect(await app.lastReplyText().textContent()).not.toBe(partial);
  });

  test("the token meter holds the sent prompt's count while the reply streams", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    const promptTokens = page.getByTestId("prompt-tokens");
    await expect(promptTokens).toHaveText(/^\d+$/);
    const systemOnly = Number(await promptTokens.textContent());
    await app.composer.fill("Write a Python function to sort a list");
    await expect.poll(async () => Number(await promptTokens.textContent())).toBeGreaterThan(systemOnly);
    const sent = Number(await promptTokens.textContent());

    await app.composer.press("Enter");
    await expect(app.lastReply()).toHaveAttribute("data-state", "streaming");
    await expect.poll(async () => ((await app.lastReplyText().textContent()) ?? "").length).toBeGreaterThan(10);
    // Past the meter's debounce: the count is still the prompt being answered, not an empty draft's.
    await page.waitForTimeout(600);
    await expect(app.lastReply()).toHaveAttribute("data-state", "streaming");
    await expect(promptTokens).toHaveText(String(sent));
    await app.button("Stop").click();
    await expect(app.lastReply()).toHaveAttribute("data-state", "stopped");
  });

  test("keyboard-tuned parameters travel with the next request and survive a reload", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();

    await app.slider("Temperature").focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowLeft");
    await app.slider("Top P").focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
    await app.numberInput("Max Tokens").fill("24");
    await app.numberInput("Max Tokens").press("Enter");
    await app.numberInput("Presence Penalty").fill("0.5");
    await app.numberInput("Presence Penalty").press("Tab");
    await expect(app.numberInput("Temperature")).toHaveValue("0.5");
    await expect(app.numberInput("Top P")).toHaveValue("0.8");

    const sent = page.waitForRequest((r) => r.url().endsWith("/api/chat") && r.method() === "POST");
    await app.composer.focus();
    await page.keyboard.type("First line");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("second line");
    await page.keyboard.press("Enter");
    const body = (await sent).postDataJSON();
    expect(body.params).toMatchObject({ temperature: 0.5, topP: 0.8, maxTokens: 24, presencePenalty: 0.5, frequencyPenalty: 0 });
    expect(body.messages).toEqual([{ role: "user", content: "First line\nsecond line" }]);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await expect(app.lastReply()).toContainText("Reached Max Tokens.");
    const reply = await app.lastReplyText().textContent();

    await page.reload();
    await expect(page.locator('[data-ready="true"]')).toBeVisible();
    await expect(app.numberInput("Temperature")).toHaveValue("0.5");
    await expect(app.numberInput("Top P")).toHaveValue("0.8");
    await expect(app.numberInput("Max Tokens")).toHaveValue("24");
    await expect(app.userTexts).toHaveText(["First line\nsecond line"]);
    await expect(app.lastReplyText()).toHaveText(reply ?? "");

    await app.button("Reset to defaults").click();
    await expect(app.numberInput("Temperature")).toHaveValue("0.7");
    await expect(app.numberInput("Max Tokens")).toHaveValue("1000");
  });

  test("edit a message and resend as a new version; both versions and a regenerated reply survive a reload; clear the conversation", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("8");
    await app.numberInput("Max Tokens").press("Enter");
    await app.send("first question");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await app.send("second question");
    await expect(app.replies).toHaveCount(2);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");

    await app.userMessages.first().getByRole("button", { name: "Edit" }).click();
    const sent = page.waitForRequest((r) => r.url().endsWith("/api/chat"));
    await page.getByRole("textbox", { name: "Edit message" }).fill("edited question");
    await app.button("Save & resend").click();
    expect((await sent).postDataJSON().messages).toEqual([{ role: "user", content: "edited question" }]);
    await expect(app.userTexts).toHaveText(["edited question"]);
    await expect(app.replies).toHaveCount(1);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");

    // The original question and everything after it are the other version.
    const first = app.userMessages.first();
    await expect(first.getByRole("group", { name: "Versions of this message" })).toContainText("2 / 2");
    await expect(first.getByRole("button", { name: "Next version" })).toBeDisabled();
    await first.getByRole("button", { name: "Previous version" }).click();
    await expect(app.userTexts).toHaveText(["first question", "second question"]);
    await expect(app.replies).toHaveCount(2);
    await expect(app.userMessages.first().getByRole("group", { name: "Versions of this message" })).toContainText("1 / 2");

    // Regenerating keeps the earlier reply as a version too.
    const earlier = await app.lastReplyText().textContent();
    await app.button("Regenerate").click();
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await expect(app.lastReply().getByRole("group", { name: "Versions of this message" })).toContainText("2 / 2");

    // A reload keeps the whole tree and the path on screen.
    await page.reload();
    await expect(page.locator('[data-ready="true"]')).toBeVisible();
    await expect(app.userTexts).toHaveText(["first question", "second question"]);
    await app.lastReply().getByRole("button", { name: "Previous version" }).click();
    await expect(app.lastReplyText()).toHaveText(earlier ?? "");
    await app.userMessages.first().getByRole("button", { name: "Next version" }).click();
    await expect(app.userTexts).toHaveText(["edited question"]);

    await app.button("New conversation").click();
    await expect(app.button("Explain quantum computing in simple terms")).toBeVisible();
  });

  test("an invalid parameter is refused with a message naming it, and nothing is lost", async ({ page, request }) => {
    const response = await request.post("/api/chat", { data: { messages: [{ role: "user", content: "hi" }], params: { topP: 3 } } });
    expect(response.status()).toBe(400);
    const json = await response.json();
    expect(json.error.fields).toEqual([{ field: "params.topP", message: "Top P must be at most 1" }]);
    void page;
  });

  test("works on a 375 px phone: parameters collapse behind a labelled toggle", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    const app = new PlaygroundPage(page);
    await app.open();
    await expect(app.slider("Temperature")).toBeHidden();
    const toggle = app.button("Show parameters");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(app.slider("Temperature")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
