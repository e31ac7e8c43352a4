import { describe, expect, it } from "vitest";
import type { EventBatch, StreamEvent } from "../../chat/events";
import { encodePlaygroundEvents } from "../../dialects/playground/encode";
import { openAiErrorResponse } from "../../dialects/openai/errors";
import { AppError } from "../../errors";
import { iterate, parseSse } from "../../testing/sse";
import { parseChatRequest } from "./parse-chat-request";
import { sseResponse } from "../http/sse-response";

async function eventsOf(response: Response | Promise<Response>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const m of iterate(parseSse((await response).body!))) out.push(JSON.parse(m.data));
  return out;
}

const post = (body: unknown) => new Request("http://x/api/chat", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
const ours = { encode: encodePlaygroundEvents };

describe("sseResponse", () => {
  it("ends with exactly one terminal event even if a provider misbehaves", async () => {
    async function* noFinish(): AsyncGenerator<EventBatch> {
      yield [{ type: "text-delta", text: "a" }];
    }
    async function* afterFinish(): AsyncGenerator<EventBatch> {
      yield [{ type: "finish", reason: "stop" }, { type: "text-delta", text: "late" }];
      yield [{ type: "text-delta", text: "later" }];
    }
    async function* throws(): AsyncGenerator<EventBatch> {
      yield [{ type: "text-delta", text: "a" }];
      throw new Error("boom");
    }
    const signal = new AbortController().signal;
    expect((await eventsOf(sseResponse(noFinish, signal, ours))).map((e) => e.type)).toEqual(["text-delta", "error"]);
    expect(await eventsOf(sseResponse(afterFinish, signal, ours))).toEqual([{ type: "finish", reason: "stop" }]);
    expect((await eventsOf(sseResponse(throws, signal, ours))).at(-1)).toMatchObject({ type: "error", message: expect.stringMatching(/boom/) });
    const throwsAtOnce = (): AsyncIterable<EventBatch> => {
      throw new Error("bad setup");
    };
    expect(await eventsOf(sseResponse(throwsAtOnce, signal, ours))).toEqual([expect.objectContaining({ type: "error", message: expect.stringMatching(/bad setup/) })]);
  });

  it("writes all the events of one batch in one chunk", async () => {
    async function* twoReads(): AsyncGenerator<EventBatch> {
      yield [{ type: "text-delta", text: "a" }, { type: "logprobs", tokens: [{ token: "a", logprob: -1 }] }, { type: "text-delta", text: "b" }];
      yield [{ type: "usage", usage: { promptTokens: 1, completionTokens: 3 } }, { type: "finish", reason: "stop" }];
    }
    const reader = (await sseResponse(twoReads, new AbortController().signal, ours)).body!.getReader();
    const chunks: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(new TextDecoder().decode(r.value));
    expect(chunks).toHaveLength(2);
    expect(chunks[0].match(/^data: /gm)).toHaveLength(3);
  });

  it("answers with the real HTTP status when a dialect asks and the stream fails before any content", async () => {
    async function* rateLimited(): AsyncGenerator<EventBatch> {
      yield [{ type: "warnings", warnings: [{ setting: "Seed", message: "not sent" }] }];
      yield [{ type: "error", code: "rate_limited", message: "slow down", retryAfter: 30 }];
    }
    const response = await sseResponse(rateLimited, new AbortController().signal, { ...ours, earlyError: openAiErrorResponse });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.json()).toMatchObject({ error: { code: "rate_limited", type: "rate_limit_error" } });
    // Without earlyError (our own /api/chat) the error travels in the stream, after the warnings.
    const streamed = await eventsOf(sseResponse(rateLimited, new AbortController().signal, ours));
    expect(streamed.map((e) => e.type)).toEqual(["warnings", "error"]);
    // A provider's queue may hand the warnings and the error over as one batch.
    async function* oneBatch(): AsyncGenerator<EventBatch> {
      yield [{ type: "warnings", warnings: [{ setting: "Seed", message: "not sent" }] }, { type: "error", code: "rate_limited", message: "slow down", retryAfter: 30 }];
    }
    expect((await sseResponse(oneBatch, new AbortController().signal, { ...ours, earlyError: openAiErrorResponse })).status).toBe(429);
  });

  it("aborts the provider when the client goes away", async () => {
    let providerSignal: AbortSignal | undefined;
    let closed = false;
    async function* slow(signal: AbortSignal): AsyncGenerator<EventBatch> {
      providerSignal = signal;
      try {
        for (;;) {
          yield [{ type: "text-delta", text: "x" }];
          await new Promise((r) => setTimeout(r, 1));
        }
      } finally {
        closed = true;
      }
    }
    const client = new AbortController();
    const response = await sseResponse(slow, client.signal, ours);
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
  const rejects = async (body: unknown, contextWindow = 32_768) => {
    try {
      await parseChatRequest(post(body), contextWindow);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return { code: (e as AppError).code, fields: (e as AppError).fields?.map((f) => f.field) };
    }
    throw new Error("expected a rejection");
  };

  it("rejects malformed JSON and names each bad field", async () => {
    expect((await rejects("{nope")).fields).toEqual([""]);
    expect((await rejects({ messages: [{ role: "user", content: "hi" }], params: { temperature: 9, topP: -1 } })).fields).toEqual([
      "params.temperature",
      "params.topP",
    ]);
  });

  it("rejects Max Tokens that would overflow the context window, counting the prompt exactly", async () => {
    const long = "word ".repeat(20_000); // 20,000 tokens
    expect(await rejects({ messages: [{ role: "user", content: long }], params: { maxTokens: 15_000 } })).toEqual({
      code: "context_length_exceeded",
      fields: ["params.maxTokens"],
    });
    const ok = await parseChatRequest(post({ messages: [{ role: "user", content: long }], params: { maxTokens: 12_000 } }), 32_768);
    expect(ok.params.maxTokens).toBe(12_000);
  });

  it("checks against the serving upstream's window, not Mixtral's: a 20,000-token prompt does not fit an 8,192 engine", async () => {
    const long = "word ".repeat(20_000);
    expect(await rejects({ messages: [{ role: "user", content: long }], params: { maxTokens: 100 } }, 8192)).toEqual({
      code: "context_length_exceeded",
      fields: ["messages"],
    });
  });
});
