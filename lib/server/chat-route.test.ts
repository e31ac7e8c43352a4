import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../stream/events";
import { iterate, parseSse } from "../stream/sse";
import { parseChatRequest } from "./parse-chat-request";
import { sseResponse } from "./sse-response";
import { AppError } from "../errors";

async function eventsOf(response: Response): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const m of iterate(parseSse(response.body!))) out.push(JSON.parse(m.data));
  return out;
}

const post = (body: unknown) => new Request("http://x/api/chat", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });

describe("sseResponse", () => {
  it("ends with exactly one terminal event even if a provider misbehaves", async () => {
    async function* noFinish(): AsyncGenerator<StreamEvent> {
      yield { type: "text-delta", text: "a" };
    }
    async function* afterFinish(): AsyncGenerator<StreamEvent> {
      yield { type: "finish", reason: "stop" };
      yield { type: "text-delta", text: "late" };
    }
    async function* throws(): AsyncGenerator<StreamEvent> {
      yield { type: "text-delta", text: "a" };
      throw new Error("boom");
    }
    const signal = new AbortController().signal;
    expect((await eventsOf(sseResponse(noFinish, signal))).map((e) => e.type)).toEqual(["text-delta", "error"]);
    expect(await eventsOf(sseResponse(afterFinish, signal))).toEqual([{ type: "finish", reason: "stop" }]);
    expect((await eventsOf(sseResponse(throws, signal))).at(-1)).toMatchObject({ type: "error", message: expect.stringMatching(/boom/) });
  });

  it("aborts the provider when the client goes away", async () => {
    let providerSignal: AbortSignal | undefined;
    let closed = false;
    async function* slow(signal: AbortSignal): AsyncGenerator<StreamEvent> {
      providerSignal = signal;
      try {
        for (;;) {
          yield { type: "text-delta", text: "x" };
          await new Promise((r) => setTimeout(r, 1));
        }
      } finally {
        closed = true;
      }
    }
    const client = new AbortController();
    const response = sseResponse(slow, client.signal);
    const reader = response.body!.getReader();
    await reader.read();
    client.abort();
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(providerSignal?.aborted).toBe(true);
    expect(closed).toBe(true);
  });
});

describe("parseChatRequest", () => {
  const rejects = async (body: unknown) => {
    try {
      await parseChatRequest(post(body));
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return (e as AppError).fields?.map((f) => f.field);
    }
    throw new Error("expected a rejection");
  };

  it("rejects malformed JSON and names each bad field", async () => {
    expect(await rejects("{nope")).toEqual([""]);
    expect(await rejects({ messages: [{ role: "user", content: "hi" }], params: { temperature: 9, topP: -1 } })).toEqual([
      "params.temperature",
      "params.topP",
    ]);
  });

  it("rejects Max Tokens that would overflow the context window, counting the prompt exactly", async () => {
    const long = "word ".repeat(20_000); // 20,000 tokens
    expect(await rejects({ messages: [{ role: "user", content: long }], params: { maxTokens: 15_000 } })).toEqual(["params.maxTokens"]);
    const ok = await parseChatRequest(post({ messages: [{ role: "user", content: long }], params: { maxTokens: 12_000 } }));
    expect(ok.params.maxTokens).toBe(12_000);
  });
});

