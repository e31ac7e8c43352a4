import { describe, expect, it } from "vitest";
import { mixtralPromptSegments } from "./mixtral-template";

describe("mixtralPromptSegments", () => {
  it("closes every finished assistant turn with EOS", () => {
    expect(mixtralPromptSegments("", [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }, { role: "user", content: "More" }])).toEqual([
      { kind: "bos" },
      { kind: "text", text: "[INST] Hi [/INST]", role: "user" },
      { kind: "text", text: "Hello", role: "assistant" },
      { kind: "eos" },
      { kind: "text", text: "[INST] More [/INST]", role: "user" },
    ]);
  });

  it("leaves a last assistant turn open (no EOS), so the model continues that reply", () => {
    expect(mixtralPromptSegments("Sys", [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello th" }])).toEqual([
      { kind: "bos" },
      { kind: "text", text: "[INST] Sys\n\nHi [/INST]", role: "user" },
      { kind: "text", text: "Hello th", role: "assistant" },
    ]);
  });
});
