import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatRequestBody } from "./chat-stream";
import { collectReply } from "./collect-reply";

const body: ChatRequestBody = { systemMessage: "", messages: [{ role: "user", content: "Hi" }], params: {} as ChatRequestBody["params"] };
const sse = (...events: object[]) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("");
const respond = (response: Response) => vi.stubGlobal("fetch", vi.fn(async () => response));
/** A clock that moves 10 ms per reading. */
const ticking = () => {
  let t = 0;
  return () => (t += 10);
};

afterEach(() => vi.unstubAllGlobals());

describe("collectReply", () => {
  it("reads the whole reply with its usage, first-token and total time", async () => {
    respond(new Response(sse({ type: "text-delta", text: "Hel" }, { type: "text-delta", text: "lo" }, { type: "usage", usage: { promptTokens: 5, completionTokens: 2 } }, { type: "finish", reason: "stop" })));
    const reply = await collectReply(body, new AbortController().signal, ticking());
    expect(reply).toEqual({ ok: true, text: "Hello", usage: { promptTokens: 5, completionTokens: 2 }, firstTokenMs: 10, totalMs: 20, finishReason: "stop" });
  });

  it("a 429 resolves as a failure carrying Retry-After, never a throw", async () => {
    respond(Response.json({ error: { code: "rate_limited", message: "Too many streams" } }, { status: 429, headers: { "Retry-After": "3" } }));
    expect(await collectReply(body, new AbortController().signal)).toEqual({ ok: false, code: "rate_limited", message: "Too many streams", retryAfter: 3, partial: "" });
  });

  it("an error mid-stream keeps the text that came before it", async () => {
    respond(new Response(sse({ type: "text-delta", text: "Part" }, { type: "error", code: "upstream_error", message: "Upstream failed" })));
    expect(await collectReply(body, new AbortController().signal)).toMatchObject({ ok: false, code: "upstream_error", partial: "Part" });
  });

  it("a dropped connection is a failure naming it", async () => {
    respond(new Response(sse({ type: "text-delta", text: "Par" })));
    expect(await collectReply(body, new AbortController().signal)).toMatchObject({ ok: false, code: "connection_dropped", partial: "Par" });
  });
});
