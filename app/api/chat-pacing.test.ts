/**
 * /api/chat hands its batches over at the page's own pace (lib/chat/page-cadence.ts): tokens that
 * come faster than the page shows them go out together, while the first text goes out at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiStream } from "@/lib/testing/openai-wire";
import { startReplayServer, type ReplayServer } from "@/lib/testing/replay-server";

let server: ReplayServer;
let chat: typeof import("./chat/route").POST;

beforeAll(async () => {
  server = await startReplayServer();
  Object.assign(process.env, { MODELSLAB_API_KEY: "sk-pacing-test", MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`, UPSTREAM_IDLE_TIMEOUT_MS: "5000" });
  ({ POST: chat } = await import("./chat/route"));
});
afterAll(() => server.close());

describe("/api/chat pacing", () => {
  it("writes tokens that arrive faster than the page shows them as a few chunks, the first on its own", async () => {
    const pieces = Array.from({ length: 12 }, (_, i) => ` piece${i}`);
    // Each upstream chunk on its own write, 5 ms apart: 12 tokens and the end within ~80 ms.
    server.queue({ headers: { "Content-Type": "text/event-stream" }, chunks: openAiStream(pieces), delayMs: 5 });
    const request = new Request("http://app/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: "hi" }] }),
    });
    const reader = (await chat(request)).body!.getReader();
    const writes: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) writes.push(new TextDecoder().decode(r.value));

    const text = writes
      .join("")
      .split("\n\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => JSON.parse(line.slice(6)))
      .filter((event) => event.type === "text-delta")
      .map((event) => event.text)
      .join("");
    expect(text).toBe(pieces.join(""));
    // The first text is not held back for company.
    expect(writes[0]).toContain("piece0");
    expect(writes[0]).not.toContain("piece1");
    // One write per token (and one for the end) before; at 50 ms apart, at most a handful.
    expect(writes.length).toBeLessThanOrEqual(4);
  });
});
