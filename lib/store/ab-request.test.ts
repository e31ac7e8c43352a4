import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../params";
import type { Prompt } from "../prompts/prompt";
import { prepareAb, type AbForm } from "./ab-request";
import type { UiMessage } from "./ui-message";

const earlier: UiMessage[] = [
  { id: "u1", role: "user", content: "Plan a day in {{city}}" },
  { id: "a1", role: "assistant", content: "Sure.", state: "done", signature: "sig", generation: { systemMessage: "", params: DEFAULT_PARAMS } },
];

const prompt: Prompt = {
  id: "pr_x",
  name: "City guide",
  labels: {},
  versions: [
    { version: 1, createdAt: "2025-03-01T10:00:00.000Z", systemMessage: "Guide to {{city}}.", messages: [], params: { ...DEFAULT_PARAMS, temperature: 0.2 }, variables: [{ name: "city", type: "text" }] },
    { version: 2, createdAt: "2025-03-02T10:00:00.000Z", note: "warmer", systemMessage: "Warm guide to {{city}} in a {{tone}} tone.", messages: [], params: { ...DEFAULT_PARAMS, temperature: 0.9 }, variables: [{ name: "city", type: "text" }, { name: "tone", type: "text" }] },
  ],
};

const form = (patch: Partial<AbForm>): AbForm => ({
  mode: "settings",
  message: "And the evening?",
  earlier,
  panel: { systemMessage: "You know {{city}}.", params: { ...DEFAULT_PARAMS, seed: 4 } },
  edited: { ...DEFAULT_PARAMS, seed: 4, temperature: 1.5 },
  prompt: null,
  picked: null,
  ...patch,
});

describe("what a blind A/B sends", () => {
  it("settings: a variable of the System Message or the messages with no value blocks the run, in Send's words", () => {
    const blocked = prepareAb(form({}), { specs: {}, values: {} });
    expect(blocked).toEqual({ names: ["city"], missing: ["city"], why: "Fill in the variables first: city.", prepared: null });
    // A default counts as a value, as for Send.
    expect(prepareAb(form({}), { specs: { city: { name: "city", type: "text", default: "Rome" } }, values: {} }).why).toBeUndefined();
  });

  it("settings: both sides send the panel's System Message and the messages, filled; each its own parameters", () => {
    const ready = prepareAb(form({}), { specs: {}, values: { city: "Rome" } });
    const [one, two] = ready.prepared!.requests;
    expect(one.systemMessage).toBe("You know Rome.");
    expect(one.messages.map((m) => m.content)).toEqual(["Plan a day in Rome", "Sure.", "And the evening?"]);
    expect([one.params.temperature, two.params.temperature]).toEqual([DEFAULT_PARAMS.temperature, 1.5]);
    expect(two.messages).toEqual(one.messages);
    // The share keeps the page's messages: an earlier reply keeps its signature.
    const shared = ready.prepared!.sharedMessages();
    expect(shared.map((m) => m.content)).toEqual(["Plan a day in Rome", "Sure.", "And the evening?"]);
    expect(shared[1].signature).toBe("sig");
    expect(ready.prepared!.versions).toBeUndefined();
  });

  it("versions: each side sends its own version (not the conversation's earlier messages), and the sides are named", () => {
    const ready = prepareAb(form({ mode: "versions", prompt, picked: [1, 2] }), { specs: {}, values: { city: "Rome", tone: "dry" } });
    const [one, two] = ready.prepared!.requests;
    expect(one.systemMessage).toBe("Guide to Rome.");
    expect(two.systemMessage).toBe("Warm guide to Rome in a dry tone.");
    expect(one.messages).toEqual([{ role: "user", content: "And the evening?" }]);
    expect([one.params.temperature, two.params.temperature]).toEqual([0.2, 0.9]);
    expect(ready.prepared!.versions).toEqual({
      prompt: "City guide",
      sides: [
        { version: 1, systemMessage: "Guide to Rome.", turns: [] },
        { version: 2, note: "warmer", systemMessage: "Warm guide to Rome in a dry tone.", turns: [] },
      ],
    });
    expect(ready.prepared!.sharedMessages()).toEqual(one.messages);
  });

  it("versions: names every variable either side lacks, once; and needs two different versions", () => {
    const blocked = prepareAb(form({ mode: "versions", prompt, picked: [2, 1] }), { specs: {}, values: {} });
    expect(blocked).toMatchObject({ names: ["city", "tone"], missing: ["city", "tone"], why: "Fill in the variables first: city, tone.", prepared: null });
    expect(prepareAb(form({ mode: "versions", prompt, picked: [2, 2] }), { specs: {}, values: {} }).why).toBe("Choose two different versions.");
    expect(prepareAb(form({ mode: "versions", prompt: null, picked: null }), { specs: {}, values: {} }).why).toBe("Choose two versions of the open prompt.");
    expect(prepareAb(form({ mode: "versions", prompt, picked: [1, 7] }), { specs: {}, values: {} }).why).toBe("Choose two versions of the open prompt.");
  });
});
