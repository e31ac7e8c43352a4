import { describe, expect, it } from "vitest";
import { createStopMatcher } from "./matcher";

/** Feeds the pieces in order; returns what was emitted (flushed at the end unless stopped) and whether it stopped. */
function run(stops: string[], pieces: string[]): { text: string; stopped: boolean; emittedBeforeEnd: string[] } {
  const matcher = createStopMatcher(stops);
  let text = "";
  const emittedBeforeEnd: string[] = [];
  for (const piece of pieces) {
    const result = matcher.push(piece);
    text += result.text;
    emittedBeforeEnd.push(result.text);
    if (result.stopped) return { text, stopped: true, emittedBeforeEnd };
  }
  return { text: text + matcher.flush(), stopped: false, emittedBeforeEnd };
}

describe("stop sequence matcher", () => {
  it("stops before a sequence that arrives whole inside one piece, dropping the sequence and what follows", () => {
    expect(run(["END"], ["Hello END there"])).toMatchObject({ text: "Hello ", stopped: true });
    expect(createStopMatcher(["x", "END", "lo"]).push("Hello END")).toEqual({ text: "Hel", stopped: true, sequence: "lo" });
  });

  it("stops before a sequence split over two pieces", () => {
    expect(run(["###"], ["Answer: 42#", "## more"])).toMatchObject({ text: "Answer: 42", stopped: true });
  });

  it("stops before a sequence split over three pieces, holding back only the possible start", () => {
    const result = run(["STOP"], ["go S", "T", "OP now"]);
    expect(result).toMatchObject({ text: "go ", stopped: true });
    // "S" and "ST" were held back, never emitted.
    expect(result.emittedBeforeEnd).toEqual(["go ", "", ""]);
  });

  it("releases a held prefix as soon as the next piece shows it is not a stop", () => {
    const result = run(["STOP"], ["a ST", "ART b"]);
    expect(result).toMatchObject({ text: "a START b", stopped: false });
    expect(result.emittedBeforeEnd).toEqual(["a ", "START b"]);
  });

  it("flushes a held prefix when the stream ends without a stop", () => {
    expect(run(["\n\n"], ["line one\n"])).toMatchObject({ text: "line one\n", stopped: false });
  });

  it("finds a stop that begins inside a false start (overlapping prefixes)", () => {
    // "aab": the held "aa" is not "aab", but its tail "a" + "ab" is.
    expect(run(["aab"], ["xa", "a", "ab!"])).toMatchObject({ text: "xa", stopped: true });
  });

  it("with several sequences, ends at the earliest one in the text", () => {
    expect(run(["world", "lo"], ["hel", "lo world"])).toMatchObject({ text: "hel", stopped: true });
    expect(run(["Z", "</s>", "User:"], ["Sure.\nUs", "er: hi </s>"])).toMatchObject({ text: "Sure.\n", stopped: true });
  });

  it("holds the longest possible start over all sequences", () => {
    const result = run(["abcd", "cx"], ["12abc", "q"]);
    expect(result.emittedBeforeEnd).toEqual(["12", "abcq"]);
    expect(result.stopped).toBe(false);
  });

  it("matches unicode sequences split between pieces, including an emoji's surrogate pair", () => {
    expect(run(["終わり"], ["これで終", "わ", "りです"])).toMatchObject({ text: "これで", stopped: true });
    const emoji = "🛑";
    expect(run([emoji], ["wait ", emoji[0], emoji[1] + " more"])).toMatchObject({ text: "wait ", stopped: true });
    expect(run(["é"], ["caf", "é au lait"])).toMatchObject({ text: "caf", stopped: true });
    // No normalisation: a decomposed e + U+0301 is not the precomposed é.
    expect(run(["é"], ["cafe\u0301"])).toMatchObject({ text: "cafe\u0301", stopped: false });
  });

  it("stops at the very start, with nothing emitted, and emits nothing after a stop", () => {
    const matcher = createStopMatcher([" "]);
    expect(matcher.push(" lead")).toEqual({ text: "", stopped: true, sequence: " " });
    expect(matcher.push("more")).toEqual({ text: "", stopped: true });
    expect(matcher.flush()).toBe("");
  });

  it("passes everything through with no sequences", () => {
    expect(run([], ["a", "b"])).toMatchObject({ text: "ab", stopped: false, emittedBeforeEnd: ["a", "b"] });
  });
});
