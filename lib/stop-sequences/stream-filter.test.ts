import { describe, expect, it } from "vitest";
import type { StreamEvent, TokenLogprob } from "../chat/events";
import { createStopFilter } from "./stream-filter";

const entry = (token: string): TokenLogprob => ({ token, logprob: -1 });
const texts = (events: StreamEvent[]) => events.flatMap((e) => (e.type === "text-delta" ? [e.text] : [])).join("");
const tokens = (events: StreamEvent[]) => events.flatMap((e) => (e.type === "logprobs" ? e.tokens.map((t) => t.token) : []));

describe("stop filter (stop matcher plus the tokens' log-probability entries)", () => {
  it("holds a possible stop's tokens back with their entries, and releases text and entries together when it is not one", () => {
    const filter = createStopFilter(["END"]);
    expect(filter.push("The", [entry("The")]).events).toEqual([{ type: "text-delta", text: "The" }, { type: "logprobs", tokens: [entry("The")] }]);
    // " E" could start "END": " " is sent, but the entry " E" waits until all of its text is.
    const held = filter.push(" E", [entry(" E")]);
    expect(texts(held.events)).toBe(" ");
    expect(tokens(held.events)).toEqual([]);
    const released = filter.push("ON", [entry("ON")]);
    expect(texts(released.events)).toBe("EON");
    expect(tokens(released.events)).toEqual([" E", "ON"]);
    expect(filter.push(" END", [entry(" END")])).toEqual({ events: [{ type: "text-delta", text: " " }, { type: "logprobs", tokens: [entry(" ")] }], stopped: true, sequence: "END" });
  });

  it("cuts the entry of a token the stop runs through down to the text before the stop", () => {
    const filter = createStopFilter(["b!"]);
    const result = filter.push(" ab!c", [entry(" ab!c")]);
    expect(result.stopped).toBe(true);
    expect(texts(result.events)).toBe(" a");
    expect(tokens(result.events)).toEqual([" a"]);
  });

  it("keeps the empty entries of a character split over tokens with the token that completes it", () => {
    const filter = createStopFilter(["xyz"]);
    const events = [...filter.push("é", [entry(""), entry("é")]).events, ...filter.push(" x", [entry(" x")]).events, ...filter.flush()];
    expect(texts(events)).toBe("é x");
    expect(tokens(events)).toEqual(["", "é", " x"]);
  });

  it("passes text straight through with no entries (probabilities off)", () => {
    const filter = createStopFilter(["\n\n"]);
    expect(filter.push("a\n").events).toEqual([{ type: "text-delta", text: "a" }]);
    expect(filter.push("\nb")).toEqual({ events: [], stopped: true, sequence: "\n\n" });
  });
});
