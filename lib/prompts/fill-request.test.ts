import { describe, expect, it } from "vitest";
import { effectiveValues, fillRequest, fillVariablesFirst, requestBlanks, requestVariables, unfilledVariables } from "./fill-request";

const request = {
  systemMessage: "You write for {{audience}}.",
  messages: [
    { role: "user" as const, content: "Describe {{city}} in {{words}} words." },
    { role: "assistant" as const, content: "{{city}} is lovely, and {{ reply_only }} is template code." },
  ],
  params: { temperature: 0.7, maxTokens: 10, topP: 1, frequencyPenalty: 0, presencePenalty: 0 },
};

describe("requests with variables", () => {
  it("lists the variables of the system message, the user's messages and the draft, not of replies", () => {
    expect(requestVariables(request, "and {{tone}}")).toEqual(["audience", "city", "words", "tone"]);
  });

  it("takes a typed value over the default, and names what has neither", () => {
    const values = effectiveValues({ words: { name: "words", type: "number", default: "50" }, city: { name: "city", type: "text", default: "Paris" } }, { city: "Rome" }, ["audience", "city", "words"]);
    expect(values).toEqual({ city: "Rome", words: "50" });
    expect(unfilledVariables(["audience", "city", "words"], values)).toEqual(["audience"]);
  });

  it("names what blocks a request in the words Send uses", () => {
    expect(requestBlanks(request, { city: "Rome" })).toEqual({ names: ["audience", "city", "words"], missing: ["audience", "words"] });
    expect(fillVariablesFirst(["audience", "words"])).toBe("Fill in the variables first: audience, words.");
  });

  it("fills the system message and the user's messages, and leaves replies and the rest as they were", () => {
    const filled = fillRequest(request, { audience: "children", city: "Rome", words: "50" });
    expect(filled.systemMessage).toBe("You write for children.");
    expect(filled.messages.map((m) => m.content)).toEqual(["Describe Rome in 50 words.", "{{city}} is lovely, and {{ reply_only }} is template code."]);
    expect(filled.params).toBe(request.params);
    expect(request.messages[0].content).toBe("Describe {{city}} in {{words}} words.");
  });
});
