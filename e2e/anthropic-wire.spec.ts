import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ANTHROPIC_CANARY_KEY, ANTHROPIC_LOG, ANTHROPIC_MOCK_URL } from "./support/constants";
import { ANTHROPIC_REPLY } from "./support/anthropic-reply";
import { PlaygroundPage } from "./playground-page";

test.beforeEach(async ({ request }) => {
  await request.post(`${ANTHROPIC_MOCK_URL}/__reset`);
});

const upstreamRequests = async (request: APIRequestContext) =>
  (await (await request.get(`${ANTHROPIC_MOCK_URL}/__requests`)).json()) as { url: string; headers: Record<string, string>; body: Record<string, unknown> }[];

test.describe("playground on an Anthropic-compatible upstream (local server replaying the Messages wire format)", () => {
  test("a reply with a tool call streams its text in, sending the key only upstream in x-api-key", async ({ page, request }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await expect(page.getByTestId("upstream")).toContainText("Anthropic-compatible server (127.0.0.1:3196)");

    const replyLengths = await app.recordReplyGrowth();
    await app.send("What is the weather in Paris?");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    // The text grew in steps while the upstream streamed it (80 ms between events), never all at once.
    const lengths = await replyLengths();
    expect(lengths.length, `reply lengths over time: ${lengths}`).toBeGreaterThan(1);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
    await expect(app.lastReplyText()).toHaveText(ANTHROPIC_REPLY.join("").trim());
    await expect(app.lastReply().getByRole("alert")).toHaveCount(0);

    const [sent] = await upstreamRequests(request);
    expect(sent.url).toBe("/v1/messages");
    expect(sent.headers["x-api-key"]).toBe(ANTHROPIC_CANARY_KEY);
    expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).toMatchObject({
      model: "mistralai-mixtral-8x7b-instruct",
      stream: true,
      system: "You are a helpful AI assistant specialized in providing accurate and detailed responses.",
      messages: [{ role: "user", content: "What is the weather in Paris?" }],
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 1000,
    });
    // Penalties have no Messages API field: not sent (they are at their defaults, so no warning either).
    expect(sent.body).not.toHaveProperty("frequency_penalty");

    expect(await page.content()).not.toContain(ANTHROPIC_CANARY_KEY);
    expect(await readFile(ANTHROPIC_LOG, "utf8")).not.toContain(ANTHROPIC_CANARY_KEY);
  });

  test("the streamed tool call appears as a card; its result goes back upstream as tool_use and tool_result blocks", async ({ page, request }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await page.getByText("Functions", { exact: true }).click();
    await page.getByRole("button", { name: "get_weather" }).click();
    await expect(page.getByRole("textbox", { name: "Function definitions (JSON)" })).toHaveValue(/"name": "get_weather"/);

    await app.send("What is the weather in Paris?");
    const card = app.lastReply().getByTestId("tool-call");
    await expect(card.getByTestId("tool-call-name")).toHaveText("get_weather");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await expect(card).toHaveCount(1);
    expect(JSON.parse(await card.getByTestId("tool-call-arguments").innerText())).toEqual({ city: "Paris", unit: "celsius" });
    await expect(app.lastReplyText()).toContainText("One moment.");

    const [first] = await upstreamRequests(request);
    expect(first.body.tools).toEqual([expect.objectContaining({ name: "get_weather", input_schema: expect.objectContaining({ type: "object" }) })]);

    await page.getByRole("textbox", { name: "Result of get_weather" }).fill('{"temperature": 18}');
    await page.getByRole("button", { name: "Send result" }).click();
    await expect(app.replies).toHaveCount(2);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");

    const second = (await upstreamRequests(request))[1];
    expect(second.body.messages).toEqual([
      { role: "user", content: "What is the weather in Paris?" },
      {
        role: "assistant",
        content: [
          { type: "text", text: ANTHROPIC_REPLY.join("") },
          { type: "tool_use", id: "toolu_e2e_1", name: "get_weather", input: { city: "Paris", unit: "celsius" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_e2e_1", content: '{"temperature": 18}' }] },
    ]);
  });
});
