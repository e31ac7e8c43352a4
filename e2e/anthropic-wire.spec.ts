import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ANTHROPIC_CANARY_KEY, ANTHROPIC_LOG, ANTHROPIC_MOCK_URL } from "./support/constants";
import { ANTHROPIC_REPLY } from "./support/mock-anthropic";
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

    await app.send("What is the weather in Paris?");
    // The text grows in steps while the upstream streams it (80 ms between events).
    const lengths = await app.sampleGrowth(6, 90);
    expect(new Set(lengths).size).toBeGreaterThan(1);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
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

  test("the streamed tool call appears in the reply with its function name", async ({ page }) => {
    // Depends on the tool-call card (data-testid="tool-call") that the tools UI work adds in main;
    // this branch has none yet. Remove the fixme once that lands.
    test.fixme(true, "needs the tools UI's tool-call card (data-testid=tool-call), being built in main");
    const app = new PlaygroundPage(page);
    await app.open();
    await app.send("What is the weather in Paris?");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    const call = app.lastReply().getByTestId("tool-call");
    await expect(call).toHaveCount(1);
    await expect(call).toContainText("get_weather");
    await expect(call).toContainText("Paris");
  });
});
