import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { CANARY_KEY, MOCK_URL } from "./support/constants";
import { PlaygroundPage } from "./playground-page";

const run = promisify(execFile);

const upstreamRequests = async (request: APIRequestContext) =>
  (await (await request.get(`${MOCK_URL}/__requests`)).json()) as { headers: Record<string, string>; body: Record<string, unknown> }[];

test.beforeEach(async ({ request }) => {
  await request.post(`${MOCK_URL}/__reset`);
});

test("token count and cost as you type → per-reply tokens, cost, speed → View code's cURL sends the app's body", async ({ page, request }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  const promptTokens = page.getByTestId("prompt-tokens");

  // As the user types, the whole request's prompt is counted (system message + template + draft).
  await app.composer.fill("Compare REST");
  await expect(promptTokens).toHaveText(/^\d+$/);
  const short = Number(await promptTokens.textContent());
  await app.composer.fill("Compare REST vs GraphQL APIs for a mobile app with offline sync");
  await expect.poll(async () => Number(await promptTokens.textContent())).toBeGreaterThan(short);
  const long = Number(await promptTokens.textContent());
  await expect(page.getByTestId("input-cost")).toHaveText(`$${((long * 0.54) / 1e6).toPrecision(3).replace(/0+$/, "")}`);

  // Max Tokens that would not fit warns before sending.
  await app.numberInput("Max Tokens").fill("32768");
  await app.numberInput("Max Tokens").press("Tab");
  await expect(page.getByTestId("token-meter").getByRole("status")).toContainText("would overflow the 32,768-token window");
  await app.numberInput("Max Tokens").fill("1000");
  await app.numberInput("Max Tokens").press("Tab");
  await expect(page.getByTestId("token-meter").getByRole("status")).toHaveCount(0);

  await app.composer.press("Enter");
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  const stats = app.lastReply().getByTestId("reply-stats");
  // The mock reports usage 31 + 12 tokens: the reply shows it and its cost at $0.54 / 1M.
  await expect(stats.locator('[data-stat="prompt-tokens"]')).toHaveText("31");
  await expect(stats.locator('[data-stat="completion-tokens"]')).toHaveText("12");
  await expect(stats.locator('[data-stat="cost"]')).toHaveText("$0.0000232");
  await expect(stats.locator('[data-stat="ttft"]')).toHaveText(/^\d+\.\d\d s$/);
  await expect(stats.locator('[data-stat="speed"]')).toHaveText(/^\d+(\.\d)? tok\/s$/);
  await expect(stats.locator('[data-stat="total-time"]')).toHaveText(/^\d+\.\d\d s$/);
  await expect(page.getByTestId("conversation-totals")).toHaveText("Total 43 tokens · $0.0000232");

  // View code: cURL for "this server" (the recording mock), streaming, run for real.
  await page.getByRole("button", { name: "View code", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "View code" });
  await dialog.getByRole("radio", { name: /This server/ }).check();
  await dialog.getByRole("button", { name: "cURL", exact: true }).click();
  await expect(dialog.getByRole("checkbox", { name: "Streaming" })).toBeChecked();
  const snippet = (await dialog.getByTestId("code-snippet").textContent())!;
  expect(snippet).toContain("$MODELSLAB_API_KEY");
  expect(snippet).not.toContain(CANARY_KEY);
  const { stdout } = await run("bash", ["-c", snippet], { env: { ...process.env, MODELSLAB_API_KEY: CANARY_KEY }, timeout: 20_000 });
  expect(stdout).toContain("data: [DONE]");

  const [fromApp, fromSnippet] = await upstreamRequests(request);
  expect(fromSnippet.body).toEqual(fromApp.body);
  expect(fromSnippet.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);

  // The other languages and the Anthropic dialect are one click away.
  await dialog.getByRole("radio", { name: "Anthropic-compatible" }).check();
  await dialog.getByRole("button", { name: "Python", exact: true }).click();
  await expect(dialog.getByTestId("code-snippet")).toContainText('"system": "You are a helpful AI assistant');
  await expect(dialog.getByTestId("code-snippet")).toContainText("/v1/messages");
});

test("the model picker lists the upstream's models and switches model, price and request", async ({ page, request }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  const picker = page.getByRole("combobox", { name: "Model" });
  await expect(picker.getByRole("option")).toHaveText(["mistralai-mixtral-8x7b-instruct (configured)", "meta-llama-3.1-8b-instruct", "qwen-qwen2.5-14b"]);
  await expect(page.getByTestId("model-price")).toContainText("$0.54 / 1M input");

  await picker.selectOption("meta-llama-3.1-8b-instruct");
  await expect(page.getByTestId("model-price")).toContainText("No published price");
  await expect(page.getByTestId("active-model")).toHaveText("meta-llama-3.1-8b-instruct");
  await app.send("Hello there");
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  await expect(app.lastReply().locator('[data-stat="cost"]')).toHaveCount(0);
  const [sent] = await upstreamRequests(request);
  expect(sent.body.model).toBe("meta-llama-3.1-8b-instruct");

  await picker.selectOption("mistralai-mixtral-8x7b-instruct");
  await expect(page.getByTestId("model-price")).toContainText("$0.54 / 1M input");
});

test("model information from the seed page sits below the playground", async ({ page }) => {
  await page.goto("/");
  for (const heading of ["Technical Specifications", "Key Features", "Use Cases", "API Endpoints", "Related Models", "FAQ"]) {
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  }
  await expect(page.getByText("LLM Models", { exact: true })).toBeVisible();
  await expect(page.getByText("July 22, 2025")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy Count tokens URL" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Qwen2.5 14B" })).toHaveAttribute("href", /Qwen-Qwen2.5-14B/);
});

test("without usage from the upstream, the reply's tokens are counted exactly after it finishes", async ({ page, request }) => {
  await request.post(`${MOCK_URL}/__control`, { data: { reply: ["Hello", " world!"], usage: false } });
  const app = new PlaygroundPage(page);
  await app.open();
  await app.send("Say hello");
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  const expectedPrompt = (await (
    await request.post("/api/count-tokens", {
      data: { systemMessage: "You are a helpful AI assistant specialized in providing accurate and detailed responses.", messages: [{ role: "user", content: "Say hello" }] },
    })
  ).json()) as { promptTokens: number };
  const stats = app.lastReply().getByTestId("reply-stats");
  await expect(stats.locator('[data-stat="prompt-tokens"]')).toHaveText(String(expectedPrompt.promptTokens));
  // "Hello world!" is 3 tokens for Mixtral.
  await expect(stats.locator('[data-stat="completion-tokens"]')).toHaveText("3");
  await expect(stats.locator('[data-stat="speed"]')).toHaveText(/tok\/s$/);
});
