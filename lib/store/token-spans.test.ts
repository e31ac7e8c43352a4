import { describe, expect, it } from "vitest";
import type { TokenLogprob } from "../chat/events";
import { bandOf, continuationOf, formatProbability, tokenSpans } from "./token-spans";

const t = (token: string, p: number, top: [string, number][] = []): TokenLogprob => ({
  token,
  logprob: Math.log(p),
  top: top.map(([text, q]) => ({ token: text, logprob: Math.log(q) })),
});

describe("tokenSpans", () => {
  it("cuts the reply into its tokens with each token's probability", () => {
    const { spans, rest } = tokenSpans("Hello world", [t("Hello", 0.5), t(" world", 0.25)]);
    expect(spans.map((s) => [s.index, s.text, s.probability.toFixed(2)])).toEqual([
      [0, "Hello", "0.50"],
      [1, " world", "0.25"],
    ]);
    expect(rest).toBe("");
  });

  it("skips tokens without text of their own (bytes of a split character) but keeps the indexes", () => {
    const { spans } = tokenSpans("a😀", [t("a", 0.9), t("", 0.1), t("😀", 0.2)]);
    expect(spans.map((s) => s.index)).toEqual([0, 2]);
  });

  it("leaves the text unshaded from the first token that does not match, instead of misplacing shades", () => {
    const { spans, rest } = tokenSpans("Hello world", [t("Hello", 0.5), t("\\xe2", 0.1), t(" world", 0.2)]);
    expect(spans.map((s) => s.text)).toEqual(["Hello"]);
    expect(rest).toBe(" world");
    expect(tokenSpans("Hi", undefined)).toEqual({ spans: [], rest: "Hi" });
  });
});

describe("continuationOf", () => {
  const message = { content: "The cat sat", logprobs: [t("The", 0.6), t(" cat", 0.3, [[" dog", 0.4], [" cat", 0.3]]), t(" sat", 0.5)] };

  it("keeps the tokens before the chosen one and puts the alternative in its place, with that step's candidates", () => {
    const next = continuationOf(message, 1, { token: " dog", logprob: Math.log(0.4) });
    expect(next?.content).toBe("The dog");
    expect(next?.logprobs.map((l) => l.token)).toEqual(["The", " dog"]);
    expect(next?.logprobs[1].top).toEqual(message.logprobs[1].top);
    expect(Math.exp(next!.logprobs[1].logprob)).toBeCloseTo(0.4, 12);
  });

  it("refuses a token outside the reply, an empty alternative, or tokens that do not add up to the text", () => {
    expect(continuationOf(message, 5, { token: "x", logprob: -1 })).toBeUndefined();
    expect(continuationOf(message, 1, { token: "", logprob: -1 })).toBeUndefined();
    expect(continuationOf({ ...message, content: "Something else" }, 2, { token: " ran", logprob: -1 })).toBeUndefined();
  });
});

describe("probability bands and labels", () => {
  it("names five bands from very likely to surprising, and formats small numbers readably", () => {
    expect([0.95, 0.6, 0.3, 0.1, 0.01].map(bandOf)).toEqual([0, 1, 2, 3, 4]);
    expect([0.999, 0.42, 0.0123, 0.00001].map(formatProbability)).toEqual(["100%", "42%", "1.2%", "<0.1%"]);
  });
});
