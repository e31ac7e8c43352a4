import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import { newPrompt, withNewVersion, type PromptContent } from "../prompts/prompt";
import { chosenColumns, compareChoices, currentChoice, MAX_RUN_COLUMNS, versionChoices } from "./test-run-columns";

const content = (systemMessage: string): PromptContent => ({ systemMessage, messages: [{ role: "user", content: "Hi" }], params: DEFAULT_PARAMS, variables: [] });

describe("the columns a test run can have", () => {
  it("offers the page, the open prompt's versions newest first, and the page with each compare column's settings", () => {
    const prompt = withNewVersion(newPrompt("P", content("v1"), { note: "first" }), content("v2"), undefined);
    const page = content("page");
    const choices = [currentChoice(page), ...versionChoices(prompt), ...compareChoices(page, [{ params: { ...DEFAULT_PARAMS, temperature: 0 } }, { params: { ...DEFAULT_PARAMS, temperature: 1.5, seed: 7 } }])];
    expect(choices.map((c) => c.label)).toEqual(["Current settings", "Version 2", "Version 1", "Compare column 1", "Compare column 2"]);
    expect(choices[2].detail).toMatch(/^first, \d{4}-\d\d-\d\d$/);
    expect(choices[1].content.systemMessage).toBe("v2");
    expect(choices[4]).toMatchObject({ detail: "temperature 1.5, top P 0.9, seed 7", content: { systemMessage: "page", params: { temperature: 1.5, seed: 7 } } });
  });

  it("runs the chosen ones in the picker's order, at most six", () => {
    const page = content("page");
    const choices = [currentChoice(page), ...compareChoices(page, Array.from({ length: 6 }, () => ({ params: DEFAULT_PARAMS })))];
    expect(chosenColumns(choices, new Set(["compare-2", "current"])).map((c) => c.id)).toEqual(["current", "compare-2"]);
    expect(chosenColumns(choices, new Set(choices.map((c) => c.id)))).toHaveLength(MAX_RUN_COLUMNS);
  });
});
