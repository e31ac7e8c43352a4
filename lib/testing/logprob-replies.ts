/** Replies with per-token probabilities, as the engine reports them: each token with 10 alternatives and a text-less tail. */
import type { TokenLogprob } from "../chat/events";

export const tokenWithAlternatives = (i: number): TokenLogprob => ({
  token: ` w${i}`,
  logprob: -1.23456789,
  top: Array.from({ length: 10 }, (_, k) => ({ token: ` alt${k}`, logprob: -k - 0.123456 })),
  tail: Array.from({ length: 30 }, () => -7.5),
});

/** An assistant reply of `tokens` tokens, each with its probabilities. */
export const replyWithLogprobs = (tokens: number) => {
  const logprobs = Array.from({ length: tokens }, (_, i) => tokenWithAlternatives(i));
  return { role: "assistant" as const, content: logprobs.map((t) => t.token).join(""), logprobs };
};
