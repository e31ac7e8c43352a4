import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { CANARY_KEY, MODELSLAB_LOG, MOCK_URL } from "./support/constants";
import { PlaygroundPage } from "./playground-page";

test.beforeEach(async ({ request }) => {
  await request.post(`${MOCK_URL}/__reset`);
});

const upstreamRequests = async (request: import("@playwright/test").APIRequestContext) =>
  (await (await request.get(`${MOCK_URL}/__requests`)).json()) as { headers: Record<string, string>; body: Record<string, unknown> }[];

test.describe("playground on ModelsLab's wire format (local replaying server)", () => {
  test("streams a markdown reply with highlighted code, sending the key only upstream", async ({ page, request }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await expect(page.getByTestId("upstream")).toContainText("ModelsLab");
    await expect(page.getByRole("note", { name: "Demo model notice" })).toHaveCount(0);

    await app.button("Explain quantum computing in simple terms").click();
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await expect(app.lastReply().getByRole("heading", { name: "Quantum computing, simply" })).toBeVisible();
    await expect(app.lastReply().locator("strong")).toHaveText("qubit");
    await expect(app.lastReply().getByRole("listitem")).toHaveCount(2);
    await expect(app.lastReply().locator("pre code.hljs .hljs-keyword").first()).toHaveText("def");

    const [sent] = await upstreamRequests(request);
    expect(sent.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
    expect(sent.body).toMatchObject({
      model: "mistralai-mixtral-8x7b-instruct",
      stream: true,
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 1000,
      messages: [
        { role: "system", content: "You are a helpful AI assistant specialized in providing accurate and detailed responses." },
        { role: "user", content: "Explain quantum computing in simple terms" },
      ],
    });
  });

  test("a 429 shows a readable message with the wait, keeps the conversation, and Retry works", async ({ page, request }) => {
    await request.post(`${MOCK_URL}/__control`, {
      data: { status: 429, headers: { "Retry-After": "7" }, body: '{"status":"error","message":"Rate limit exceeded. Maximum 5 queued requests allowed.","retry_after":30}' },
    });
    const app = new PlaygroundPage(page);
    await app.open();
    await app.send("Compare REST vs GraphQL APIs");
    const alert = app.lastReply().getByRole("alert");
    await expect(alert).toContainText("The upstream is rate limiting requests");
    await expect(alert).toContainText("Maximum 5 queued requests allowed");
    await expect(alert).toContainText("retry in 7 s");
    await expect(app.userTexts).toHaveText(["Compare REST vs GraphQL APIs"]);

    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await expect(app.lastReply().getByRole("alert")).toHaveCount(0);
    await expect(app.lastReplyText()).toContainText("That is the core idea.");
    expect(await upstreamRequests(request)).toHaveLength(2);
  });

  test("a connection dropped mid-reply keeps the partial text and offers Retry", async ({ page, request }) => {
    await request.post(`${MOCK_URL}/__control`, { data: { dropAfter: 4 } });
    const app = new PlaygroundPage(page);
    await app.open();
    await app.send("Tell me about qubits");
    await expect(app.lastReply().getByRole("alert")).toContainText("dropped before the reply finished");
    await expect(app.lastReplyText()).toContainText("A qubit can be 0, 1,");
    await expect(app.lastReply().getByRole("button", { name: "Retry" })).toBeVisible();
  });

  test("invalid parameters get a 400 naming the field and never reach the upstream", async ({ request }) => {
    const response = await request.post("/api/chat", {
      data: { messages: [{ role: "user", content: "hi" }], params: { temperature: 2.5, maxTokens: 0 } },
    });
    expect(response.status()).toBe(400);
    const { error } = await response.json();
    expect(error.fields.map((f: { field: string }) => f.field)).toEqual(["params.temperature", "params.maxTokens"]);
    expect(error.message).toContain("Temperature must be at most 2");
    expect(await upstreamRequests(request)).toHaveLength(0);
  });

  test("the API key appears in no page, asset, response or log line", async ({ page, request }) => {
    // Every response the browser gets, with its body read to the end; awaited below, so nothing is missed.
    const captured: Promise<{ path: string; text: string }>[] = [];
    page.on("response", (response) => {
      const path = new URL(response.url()).pathname;
      const headers = JSON.stringify(response.headers());
      captured.push(response.text().then((body) => ({ path, text: `${headers}\n${body}` }), () => ({ path, text: headers })));
    });
    const app = new PlaygroundPage(page);
    await app.open();
    await app.send("hello");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    const browserSaw = await Promise.all(captured);
    const paths = browserSaw.map((r) => r.path);
    // The capture really saw the page, its scripts and the chat stream, with their bodies.
    expect(browserSaw.find((r) => r.path === "/")?.text).toContain("Mixtral");
    expect(paths.filter((p) => p.startsWith("/_next/static/")).length).toBeGreaterThan(0);
    // The chat stream was seen too; Playwright cannot always hand back a streamed body, so the
    // stream's own bytes are read in full by the direct request below.
    expect(paths).toContain("/api/chat");

    const html = await (await request.get("/")).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/_next\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    const seen = browserSaw.map((r) => r.text);
    for (const asset of assets) seen.push(await (await request.get(asset)).text());
    seen.push(html);
    const stream = await request.post("/api/chat", { data: { messages: [{ role: "user", content: "hi" }] } });
    const streamed = await stream.text();
    expect(streamed).toContain('"type":"finish"');
    seen.push(streamed);
    const failed = await request.post("/api/chat", { data: { messages: [] } });
    seen.push(await failed.text());

    // Every route of the served API and the Usage page, streamed and not, answered and failing;
    // the failures with an upstream that echoes the key back in its 401.
    const ask = [{ role: "user", content: "hi" }];
    const served: [string, unknown?][] = [
      ["/api/v1/chat/completions", { messages: ask }],
      ["/api/v1/chat/completions", { messages: ask, stream: true, stream_options: { include_usage: true } }],
      ["/api/v1/messages", { model: "mistralai-mixtral-8x7b-instruct", max_tokens: 20, messages: ask }],
      ["/api/v1/messages", { model: "mistralai-mixtral-8x7b-instruct", max_tokens: 20, messages: ask, stream: true }],
      ["/api/v1/messages/count_tokens", { model: "mistralai-mixtral-8x7b-instruct", messages: ask }],
      ["/api/v1/usage"],
      ["/api/v1/models"],
      ["/api/v1/models/mistralai-mixtral-8x7b-instruct"],
      ["/api/v1/no-such-route"],
      ["/usage"],
    ];
    for (const [path, body] of served) {
      const response = body ? await request.post(path, { data: body }) : await request.get(path);
      expect(response.status(), path).toBeLessThan(path.includes("no-such") ? 500 : 400);
      seen.push(`${JSON.stringify(response.headers())}\n${await response.text()}`);
    }
    const echo = { status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${CANARY_KEY}`, type: "invalid_request_error" } }) };
    for (const [path, body] of served.slice(0, 4)) {
      await request.post(`${MOCK_URL}/__control`, { data: echo });
      const response = await request.post(path, { data: body });
      const text = await response.text();
      // The failure reached the client (as a status or as an error event in the stream).
      expect(`${response.status()} ${text}`, path).toMatch(/401|authentication|error/i);
      seen.push(text);
    }

    for (const text of seen) expect(text).not.toContain(CANARY_KEY);
    const log = await readFile(MODELSLAB_LOG, "utf8");
    expect(log).toContain("Ready"); // the log really is this server's output
    expect(log).not.toContain(CANARY_KEY);
  });

  test("another web site cannot make a visitor's browser spend the key", async ({ page, request }) => {
    const formPost = page.waitForResponse((r) => r.url().endsWith("/api/chat") && r.request().method() === "POST" && r.request().resourceType() === "document");
    await page.goto(`${MOCK_URL}/__attack?target=http://127.0.0.1:3101`);
    const refused = await formPost;
    expect(refused.status()).toBe(403);
    await page.waitForURL(/\/api\/chat$/); // the form's navigation lands on the refusal
    expect(await upstreamRequests(request)).toHaveLength(0);
    // The playground's own page still works.
    const app = new PlaygroundPage(page);
    await app.open();
    await app.send("hello");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    expect(await upstreamRequests(request)).toHaveLength(1);
  });

  test("the page's CSP runs only its own nonce'd scripts: an injected inline script is blocked", async ({ page }) => {
    // Simulates stored markup injection: the server's own page, with an inline script added to its HTML.
    await page.route("http://127.0.0.1:3101/", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
      await route.fulfill({ response, body: html });
    });
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto("/");
    const policy = response!.headers()["content-security-policy"];
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(response!.headers()["permissions-policy"]).toContain("camera=()");
    const app = new PlaygroundPage(page);
    await expect(page.locator('[data-ready="true"]')).toBeVisible(); // hydrated: Next's own nonce'd scripts ran
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    await app.send("hello");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  });
});
