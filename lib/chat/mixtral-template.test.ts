import { describe, expect, it } from "vitest";
import { mixtralPromptSegments } from "./mixtral-template";

describe("mixtralPromptSegments", () => {
  it("closes every finished assistant turn with EOS", () => {
    expect(mixtralPromptSegments("", [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }, { role: "user", content: "More" }])).toEqual([
      { kind: "bos" },
      { kind: "text", text: "[INST] Hi [/INST]" },
      { kind: "text", text: "Hello" },
      { kind: "eos" },
      { kind: "text", text: "[INST] More [/INST]" },
    ]);
  });

  it("leaves a last assistant turn open (no EOS), so the model continues that reply", () => {
    expect(mixtralPromptSegments("Sys", [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello th" }])).toEqual([
      { kind: "bos" },
      { kind: "text", text: "[INST] Sys\n\nHi [/INST]" },
      { kind: "text", text: "Hello th" },
    ]);
  });
});
