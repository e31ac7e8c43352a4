import type { LlamaModel, Token } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import type { TokenLogprob } from "../chat/events";
import { Utf8HoldBack } from "./utf8-hold-back";

/** A byte-level vocabulary: a character's bytes can fall into separate tokens, as in Mistral's byte-fallback pieces. */
const VOCABULARY: Record<number, number[]> = {
  1: [0x48], // "H"
  2: [0x69], // "i"
  3: [0x21], // "!"
  10: [0xc3], // "é" is C3 A9
  11: [0xa9],
  30: [0xf0], // "😀" is F0 9F 98 80
  31: [0x9f],
  32: [0x98],
  33: [0x80],
  40: [0xff], // never valid in UTF-8
};

/** Decodes like llama.cpp's detokenizer: bytes that do not form a whole character become U+FFFD. Records each call's context. */
function byteModel() {
  const contexts: Token[][] = [];
  const model: Pick<LlamaModel, "detokenize"> = {
    detokenize(tokens, _special, lastTokens) {
      contexts.push([...(lastTokens ?? [])]);
      return new TextDecoder().decode(new Uint8Array(tokens.flatMap((t) => VOCABULARY[t] ?? [])));
    },
  };
  return { model, contexts };
}

const t = (...ids: number[]) => ids as Token[];
const entry = (logprob: number): TokenLogprob => ({ token: "", logprob });

describe("Utf8HoldBack", () => {
  it("releases each token's text at once when it is a whole character", () => {
    const tokens = new Utf8HoldBack(byteModel().model, []);
    expect(tokens.push(1 as Token, undefined)).toBe("H");
    expect(tokens.push(2 as Token, undefined)).toBe("i");
    expect(tokens.released).toEqual(t(1, 2));
  });

  it("holds the first byte of a two-byte character and releases the character with its second byte", () => {
    const tokens = new Utf8HoldBack(byteModel().model, []);
    expect(tokens.push(10 as Token, undefined)).toBeUndefined();
    expect(tokens.released).toEqual([]);
    expect(tokens.push(11 as Token, undefined)).toBe("é");
    expect(tokens.released).toEqual(t(10, 11));
  });

  it("holds a four-byte emoji over four tokens and releases it whole with the last", () => {
    const tokens = new Utf8HoldBack(byteModel().model, []);
    expect([30, 31, 32].map((id) => tokens.push(id as Token, undefined))).toEqual([undefined, undefined, undefined]);
    expect(tokens.push(33 as Token, undefined)).toBe("😀");
  });

  it("stops holding after four tokens that make no character, releasing them as replacement characters", () => {
    const tokens = new Utf8HoldBack(byteModel().model, []);
    expect([40, 40, 40].map((id) => tokens.push(id as Token, undefined))).toEqual([undefined, undefined, undefined]);
    expect(tokens.push(40 as Token, undefined)).toBe("\uFFFD\uFFFD\uFFFD\uFFFD");
    expect(tokens.released).toEqual(t(40, 40, 40, 40));
  });

  it("counts held tokens as part of the reply before their text is released", () => {
    const tokens = new Utf8HoldBack(byteModel().model, []);
    tokens.push(1 as Token, undefined);
    tokens.push(30 as Token, undefined);
    tokens.push(31 as Token, undefined);
    expect(tokens.released).toHaveLength(1);
    expect(tokens.count).toBe(3);
  });

  it("gives a split character's text to its last token's entry, and empty text to the entries before it", () => {
    const tokens = new Utf8HoldBack(byteModel().model, []);
    tokens.push(10 as Token, entry(-0.5));
    const text = tokens.push(11 as Token, entry(-0.25))!;
    expect(tokens.takeEntries(text)).toEqual([
      { token: "", logprob: -0.5 },
      { token: "é", logprob: -0.25 },
    ]);
    // Taken once: the next piece starts with no entries of its own yet.
    expect(tokens.takeEntries("")).toBeUndefined();
  });

  it("has no entries to give when none were pushed (probabilities off)", () => {
    const tokens = new Utf8HoldBack(byteModel().model, []);
    expect(tokens.takeEntries(tokens.push(1 as Token, undefined)!)).toBeUndefined();
  });

  it("gives the bytes still held at the end as their text with their entries, without releasing them", () => {
    const tokens = new Utf8HoldBack(byteModel().model, []);
    tokens.push(1 as Token, entry(-1));
    tokens.takeEntries("H");
    expect(tokens.heldTail()).toBeUndefined();
    tokens.push(30 as Token, entry(-2));
    tokens.push(31 as Token, entry(-3));
    expect(tokens.heldTail()).toEqual({ text: "\uFFFD", entries: [{ token: "", logprob: -2 }, { token: "\uFFFD", logprob: -3 }] });
    expect(tokens.released).toEqual(t(1));
    expect(tokens.count).toBe(3);
  });

  it("reads each piece after the last 8 tokens before it, a continued reply's prompt tail first", () => {
    const { model, contexts } = byteModel();
    const tokens = new Utf8HoldBack(model, t(101, 102, 103, 104, 105, 106, 107));
    tokens.push(1 as Token, undefined);
    tokens.push(2 as Token, undefined);
    tokens.push(3 as Token, undefined);
    expect(contexts).toEqual([t(101, 102, 103, 104, 105, 106, 107), t(101, 102, 103, 104, 105, 106, 107, 1), t(102, 103, 104, 105, 106, 107, 1, 2)]);
  });

  it("reads a candidate's text after the released and the held tokens", () => {
    const { model, contexts } = byteModel();
    const tokens = new Utf8HoldBack(model, []);
    tokens.push(1 as Token, undefined);
    tokens.push(10 as Token, undefined);
    expect(tokens.candidateText(11 as Token)).toBe("\uFFFD");
    expect(contexts.at(-1)).toEqual(t(1, 10));
  });
});
