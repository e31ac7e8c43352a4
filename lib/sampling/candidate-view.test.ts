import { describe, expect, it } from "vitest";
import { candidateView } from "./candidate-view";

const lp = Math.log;

describe("candidateView", () => {
  it("shapes the named candidates together with the text-less tail, and summarises the tail", () => {
    const view = candidateView(
      { token: "a", logprob: lp(0.4), top: [{ token: "a", logprob: lp(0.4) }, { token: "b", logprob: lp(0.2) }], tail: [lp(0.2), lp(0.2)] },
      { temperature: 1, topP: 0.5, topK: 40 },
    );
    expect(view.rows.map((r) => [r.token, r.chosen, r.kept])).toEqual([
      ["a", true, true],
      ["b", false, true],
    ]);
    // 0.4 alone is below 0.5; 0.4 + 0.2 reaches it: the cut falls after b, before the unnamed two.
    expect(view.keptRows).toBe(2);
    expect(view.unnamed).toMatchObject({ count: 2, kept: 0 });
    expect(view.unnamed.before).toBeCloseTo(0.4, 12);
    expect(view.cutBy).toBe("top-p");
  });

  it("names the reply's token when it ranked below the listed ones (it was in the tail)", () => {
    const view = candidateView({ token: "z", logprob: lp(0.1), top: [{ token: "a", logprob: lp(0.6) }], tail: [lp(0.3), lp(0.1)] }, { temperature: 1, topP: 1 });
    expect(view.rows.map((r) => r.token)).toEqual(["a", "z"]);
    expect(view.unnamed.count).toBe(1);
  });
});
