/**
 * /api/count-tokens asks the upstream for a prompt's count where the provider offers that as the
 * better source (an Anthropic-compatible server's /v1/messages/count_tokens for a model that is
 * not Mixtral), and falls back to the local tokenizer when the upstream fails.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ANTHROPIC_CAPABILITIES } from "@/lib/providers/anthropic-compatible";
import type { ChatProvider } from "@/lib/providers/types";
import { countPromptTokens } from "@/lib/tokens/mistral-tokenizer";

/** A plain function rather than vi.fn: vitest reported the rejection of a vi.fn's async result as a failure although the route caught it. */
const upstream = vi.hoisted(() => ({
  calls: [] as unknown[][],
  answer: (): Promise<number> => Promise.resolve(0),
}));
const upstreamCount = (...args: unknown[]) => {
  upstream.calls.push(args);
  return upstream.answer();
};
vi.mock("@/lib/providers/registry", () => ({
  getProvider: (): ChatProvider => ({
    info: { kind: "anthropic-compatible", label: "x", model: "not-mixtral", isDemo: false, capabilities: ANTHROPIC_CAPABILITIES },
    stream: async function* () {},
    countPromptTokens: (...args: Parameters<NonNullable<ChatProvider["countPromptTokens"]>>) => upstreamCount(...args),
  }),
}));

const { POST } = await import("./route");
const count = (body: unknown) => POST(new Request("http://x/api/count-tokens", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));

const prompt = { systemMessage: "Be brief.", messages: [{ role: "user", content: "What is a qubit?" }] };

beforeEach(() => {
  upstream.calls.length = 0;
});

describe("/api/count-tokens with a provider that counts upstream", () => {
  it("answers the upstream's count for a prompt", async () => {
    upstream.answer = async () => 4242;
    const response = await count(prompt);
    expect(await response.json()).toEqual({ promptTokens: 4242, contextWindow: ANTHROPIC_CAPABILITIES.contextWindow });
    expect(upstream.calls).toEqual([["Be brief.", prompt.messages, expect.any(AbortSignal)]]);
  });

  it("falls back to the local count when the upstream fails, so the meter keeps working", async () => {
    upstream.answer = async () => {
      throw new Error("The upstream service is unavailable right now.");
    };
    const response = await count(prompt);
    expect(response.status).toBe(200);
    expect((await response.json()).promptTokens).toBe(await countPromptTokens(prompt.systemMessage, prompt.messages as never));
  });

  it("counts a bare text, and a prompt without messages, locally", async () => {
    expect((await count({ text: "Hello world!" })).status).toBe(200);
    expect((await count({ systemMessage: "Only a system message", messages: [] })).status).toBe(200);
    expect(upstream.calls).toEqual([]);
  });
});
