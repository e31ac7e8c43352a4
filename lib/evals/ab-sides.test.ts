import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import type { PromptVersion } from "../prompts/prompt";
import { abDifferences, differencesSentence } from "./ab-differences";
import { abResultsMarkdown } from "./ab-results-markdown";
import { abSideNames, versionSideName, type AbVersions } from "./ab-sides";
import { prepareVersionSide } from "./ab-version-side";

const version = (n: number, patch: Partial<PromptVersion> = {}): PromptVersion => ({
  version: n,
  createdAt: "2025-03-01T10:00:00.000Z",
  systemMessage: "You guide visitors to {{city}}.",
  messages: [
    { role: "user", content: "Hello" },
    { role: "assistant", content: "Hi! Which {{city}}?" },
  ],
  params: { ...DEFAULT_PARAMS, temperature: 0.2, seed: 9 },
  variables: [{ name: "city", type: "text" }],
  ...patch,
});

describe("blind A/B with prompt versions as the sides", () => {
  it("names a side by its number and note, the note cut when long", () => {
    expect(versionSideName({ version: 3, note: "shorter  answers" })).toBe("Version 3 (shorter answers)");
    expect(versionSideName({ version: 5 })).toBe("Version 5");
    expect(versionSideName({ version: 2, note: "x".repeat(80) })).toMatch(/^Version 2 \(x{59}…\)$/);
    expect(abSideNames(undefined, ["Setting 1", "Setting 2"])).toEqual(["Setting 1", "Setting 2"]);
  });

  it("sends the version's System Message, turns, parameters, functions and format, then the message judged, filled as Send fills them", () => {
    const tools = [{ name: "weather", description: "Weather", parameters: { type: "object", properties: {} } }];
    const v = version(3, { note: "first", model: "mixtral-b", options: { tools, toolChoice: "auto", responseFormat: { type: "json_object" }, logprobs: { top: 2 } } });
    const prepared = prepareVersionSide(v, "Best museum in {{city}}?", { city: "Rome" }, {});
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.request.systemMessage).toBe("You guide visitors to Rome.");
    expect(prepared.request.messages).toEqual([
      { role: "user", content: "Hello" },
      // Replies are left as they are, as Send leaves them.
      { role: "assistant", content: "Hi! Which {{city}}?" },
      { role: "user", content: "Best museum in Rome?" },
    ]);
    expect(prepared.request.params).toEqual(v.params);
    expect(prepared.request.model).toBe("mixtral-b");
    // Nothing in the view shows log-probabilities: none are asked for.
    expect(prepared.request.options).toEqual({ tools, toolChoice: "auto", responseFormat: { type: "json_object" } });
    expect(prepared.side).toEqual({
      version: 3,
      note: "first",
      systemMessage: "You guide visitors to Rome.",
      turns: prepared.request.messages.slice(0, 2),
      options: prepared.request.options,
      model: "mixtral-b",
    });
    // The saved version is not touched.
    expect(v.messages).toHaveLength(2);
  });

  it("takes a typed value, else the version's default, else the page's; a variable with none blocks the side and is named", () => {
    const v = version(4, { variables: [{ name: "city", type: "text", default: "Oslo" }, { name: "tone", type: "text" }], systemMessage: "{{city}}, {{tone}}, {{unit}}" });
    const missing = prepareVersionSide(v, "Go", {}, {});
    expect(missing).toEqual({ ok: false, names: ["city", "tone", "unit"], missing: ["tone", "unit"] });
    const filled = prepareVersionSide(v, "Go", { tone: "warm" }, { unit: { name: "unit", type: "text", default: "km" }, city: { name: "city", type: "text", default: "Paris" } });
    expect(filled.ok && filled.request.systemMessage).toBe("Oslo, warm, km");
    const typed = prepareVersionSide(v, "Go", { city: "Rome", tone: "warm", unit: "mi" }, {});
    expect(typed.ok && typed.request.systemMessage).toBe("Rome, warm, mi");
  });

  it("says what differs between two versions: texts word by word, settings with both values, never the seed", () => {
    const one = prepareVersionSide(version(3, { note: "terse" }), "Go", { city: "Rome" }, {});
    const two = prepareVersionSide(version(5, { systemMessage: "You guide visitors to {{city}} at length.", params: { ...DEFAULT_PARAMS, temperature: 0.9, seed: 1 } }), "Go", { city: "Rome" }, {});
    if (!one.ok || !two.ok) throw new Error("both sides are filled");
    const versions: AbVersions = { prompt: "City guide", sides: [one.side, two.side] };
    const settings = [one.request.params, two.request.params] as const;
    const diff = abDifferences({ settings, versions });
    expect(diff.texts.map((t) => t.field)).toEqual(["System Message"]);
    expect(diff.texts[0].parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["at length"]);
    expect(diff.settings).toEqual([{ field: "Temperature", before: "0.2", after: "0.9" }]);
    expect(differencesSentence(diff, true)).toBe("The versions differ in System Message, Temperature (0.2 vs 0.9).");
    expect(differencesSentence(abDifferences({ settings: [one.request.params, one.request.params] }), false)).toBe("The two settings are the same: any preference is chance.");
    expect(differencesSentence(abDifferences({ settings: [one.request.params, one.request.params], versions: { prompt: "p", sides: [one.side, { ...one.side, version: 4 }] } }), true)).toBe(
      "The two versions send the same request: any preference is chance.",
    );

    const markdown = abResultsMarkdown({
      message: "Go",
      systemMessage: one.side.systemMessage,
      settings: [one.request.params, two.request.params],
      versions,
      rounds: [
        { index: 0, seed: 7, aIs: 1, pick: "A" },
        { index: 1, seed: 8, aIs: 0, pick: "tie" },
      ],
    });
    expect(markdown).toContain("Versions of the prompt “City guide”: Version 3 (terse) and Version 5.");
    expect(markdown).toContain("| text | Version 3 (terse) | Version 5 |");
    expect(markdown).toContain("| System Message | You guide visitors to Rome. | You guide visitors to Rome at length. |");
    expect(markdown).toContain("| setting | Version 3 (terse) | Version 5 |");
    expect(markdown).toContain("| **Temperature** | 0.2 | 0.9 |");
    expect(markdown).toContain("The versions differ in System Message, Temperature (0.2 vs 0.9).");
    expect(markdown).toContain("Version 3 (terse) won 0, Version 5 won 1, ties 1.");
    expect(markdown).toContain("| 1 | 7 | Version 5 | A is better | Version 5 |");
    expect(markdown).toContain("| 2 | 8 | Version 3 | Tie | tie |");
  });
});
