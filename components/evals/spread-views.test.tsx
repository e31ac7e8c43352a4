import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { sampleSpread } from "@/lib/evals/sample-spread";
import { DEFAULT_PARAMS } from "@/lib/params";
import { AbRoundView } from "./ab-round";
import { AbTally } from "./ab-tally";
import { SpreadChart } from "./spread-chart";
import { SpreadGroups } from "./spread-groups";
import { SpreadSummary } from "./spread-summary";

const done = (text: string) => ({ status: "done" as const, outcome: { ok: true as const, text } });

describe("sample spread and blind A/B, rendered", () => {
  it("the sweep chart is one image named with every value, and a table with the same figures", () => {
    const html = renderToStaticMarkup(
      <SpreadChart
        paramLabel="Temperature"
        k={4}
        points={[
          { value: 0, agreement: 1, distinct: 1, samples: 4 },
          { value: 1.5, agreement: 0.25, distinct: 4, samples: 4 },
          { value: 2, agreement: null, distinct: 0, samples: 0 },
        ]}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain("Temperature: 0 agreement 100%, 1 distinct; 1.5 agreement 25%, 4 distinct; 2 not run yet");
    expect(html).toMatch(/<td[^>]*>25%<\/td><td[^>]*>4<\/td>/);
  });

  it("the summary gives agreement, distinct answers, lengths and first words; the valid-JSON rate only for JSON-looking replies", () => {
    const texts = ["Paris.", "Paris.", "Rome."];
    const plain = renderToStaticMarkup(<SpreadSummary spread={sampleSpread(texts.map((text) => ({ text })))} texts={texts} label="Spread" />);
    expect(plain).toMatch(/data-testid="spread-agreement">67%</);
    expect(plain).toMatch(/data-testid="spread-distinct">2</);
    expect(plain).not.toContain("Valid JSON");
    const json = ['{"a":1}', "{oops"];
    expect(renderToStaticMarkup(<SpreadSummary spread={sampleSpread(json.map((text) => ({ text })))} texts={json} label="Spread" />)).toContain("Valid JSON");
  });

  it("groups list largest first, each sample with its seed and an Open as conversation button", () => {
    const texts = ["Rome.", "Paris.", "Paris."];
    const members = texts.map((text, i) => ({ number: i + 1, seed: 10 + i, text }));
    const html = renderToStaticMarkup(<SpreadGroups spread={sampleSpread(texts.map((text) => ({ text })))} members={members} label="Groups" onOpen={() => {}} />);
    expect(html.indexOf("Group 1: 2 of 3")).toBeLessThan(html.indexOf("Group 2: 1 of 3"));
    expect(html).toContain("Sample 2 · seed 11");
    expect(html).toContain("Open as conversation<span class=\"sr-only\"> (sample 2)</span>");
  });

  it("a round shows nothing of either reply until both are done, and its pick buttons wait for them", () => {
    const round = { index: 0, seed: 5, aIs: 1 as const };
    const waiting = renderToStaticMarkup(<AbRoundView round={round} total={2} sides={{ A: done("first"), B: { status: "running", attempt: 0 } }} onPick={() => {}} onNext={() => {}} />);
    expect(waiting).not.toContain("first");
    expect(waiting).toMatch(/<button[^>]*disabled=""[^>]*>A is better/);
    const ready = renderToStaticMarkup(<AbRoundView round={round} total={2} sides={{ A: done("first"), B: done("second") }} onPick={() => {}} onNext={() => {}} />);
    expect(ready).toContain("first");
    expect(ready).toContain("second");
    expect(ready).toContain("Next sample");
  });

  it("the reveal tallies per setting through each round's order", () => {
    const html = renderToStaticMarkup(
      <AbTally
        results={{
          message: "Hi",
          systemMessage: "",
          settings: [DEFAULT_PARAMS, { ...DEFAULT_PARAMS, temperature: 1.5 }],
          rounds: [
            { index: 0, aIs: 1, pick: "A" },
            { index: 1, aIs: 0, pick: "A" },
            { index: 2, aIs: 0, pick: "tie" },
          ],
        }}
      />,
    );
    expect(html).toContain("Temperature (0.7 vs 1.5)");
    expect(html).toMatch(/Setting 1 \(the panel&#x27;s\)<\/th><td>won 1 \(33%\)/);
    expect(html).toMatch(/Setting 2 \(edited copy\)<\/th><td>won 1/);
  });
});
