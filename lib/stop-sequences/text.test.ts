import { describe, expect, it } from "vitest";
import { parseStopInput, showStop } from "./text";

describe("stop sequence text", () => {
  it("reads \\n, \\t and \\\\ as escapes and leaves everything else as typed", () => {
    expect(parseStopInput("\\n\\nUser:")).toBe("\n\nUser:");
    expect(parseStopInput("a\\tb")).toBe("a\tb");
    expect(parseStopInput("C:\\\\new")).toBe("C:\\new");
    expect(parseStopInput("\\x 🛑 ")).toBe("\\x 🛑 ");
  });

  it("shows a sequence quoted with the escapes written out, so spaces and line breaks are visible", () => {
    expect(showStop(" ")).toBe('" "');
    expect(showStop("\n\nUser:")).toBe('"\\n\\nUser:"');
    expect(showStop("C:\\new")).toBe('"C:\\\\new"');
    for (const typed of ["\\n\\nUser:", "a\\tb", "C:\\\\new"]) expect(showStop(parseStopInput(typed))).toBe(`"${typed}"`);
  });
});
