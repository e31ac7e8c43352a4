import { describe, expect, it } from "vitest";
import { replyWithLogprobs, tokenWithAlternatives } from "../testing/logprob-replies";
import { compactLogprobs, fitLogprobs, LOGPROBS_BUDGET_BYTES, SHARED_TOP } from "./shared-logprobs";

const token = tokenWithAlternatives;
const reply = replyWithLogprobs;

describe("probabilities in share snapshots", () => {
  it("keeps each token's probability and its 5 likeliest alternatives, rounded to 3 decimals, and never the text-less tail", () => {
    const [t] = compactLogprobs([token(0)], SHARED_TOP);
    expect(t).toEqual({ token: " w0", logprob: -1.235, top: [0, 1, 2, 3, 4].map((k) => ({ token: ` alt${k}`, logprob: Math.round((-k - 0.123456) * 1000) / 1000 })) });
  });

  it("leaves a conversation that fits as it is (compacted), and says when it thinned one that does not", () => {
    const small = fitLogprobs([reply(50)]);
    expect(small[0].logprobs?.[0].top).toHaveLength(SHARED_TOP);
    expect(small[0].logprobsTrimmed).toBe(true); // 10 alternatives came in, 5 are kept

    const big = fitLogprobs([reply(2000), reply(2000)]);
    const bytes = JSON.stringify(big.map((m) => m.logprobs ?? [])).length;
    expect(bytes).toBeLessThanOrEqual(LOGPROBS_BUDGET_BYTES);
    // Thinned in steps: alternatives first, then the earliest reply's probabilities; the latest keeps its shading.
    expect(big[1].logprobs).toHaveLength(2000);
    expect(big.every((m) => m.logprobsTrimmed)).toBe(true);
  });
});
