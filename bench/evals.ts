/**
 * Sample spread's grouping (lib/evals/sample-spread.ts) on issue 24's case: 50 replies of ~500
 * tokens (400 words, ~1.25 tokens a word), timed in Node on four shapes of answers, beside the
 * target (≤ 50 ms). The browser runs the same code; Node's figure is its lower bound.
 */
import { performance } from "node:perf_hooks";
import { sampleSpread, type SpreadSample } from "../lib/evals/sample-spread";
import { percentile } from "./stats";

const TARGET_MS = 50;
const SAMPLES = 50;
const WORDS = 400;
const RUNS = 30;

/** A fixed pseudo-random stream (mulberry32): the same replies on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}${"aeiou"[i % 5]}`);

function reply(next: () => number): string[] {
  return Array.from({ length: WORDS }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]);
}

const asText = (words: string[]) => words.join(" ").replace(/((?:\S+ ){11}\S+) /g, "$1.\n");

function shapes(): Record<string, SpreadSample[]> {
  const next = random(23);
  const base = reply(next);
  const edited = (share: number) => base.map((w) => (next() < share ? VOCABULARY[Math.floor(next() * VOCABULARY.length)] : w));
  const shuffled = () => [...base].sort(() => next() - 0.5);
  const samples = (make: () => string[]) => Array.from({ length: SAMPLES }, () => ({ text: asText(make()) }));
  return {
    "all different": samples(() => reply(next)),
    "near-identical (3% of words changed)": samples(() => edited(0.03)),
    "12% of words changed": samples(() => edited(0.12)),
    "the same words in other orders": samples(shuffled),
    identical: samples(() => base),
  };
}

export function measureEvals(): void {
  console.log(`\n== Sample spread: grouping ${SAMPLES} replies of ~500 tokens (${WORDS} words), ${RUNS} runs each, in Node ==`);
  for (const [name, samples] of Object.entries(shapes())) {
    sampleSpread(samples); // warm the JIT
    const times: number[] = [];
    let spread = sampleSpread(samples);
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      spread = sampleSpread(samples);
      times.push(performance.now() - started);
    }
    console.log(
      `${name}: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (target ≤ ${TARGET_MS} ms)` +
        ` | ${spread.distinct} groups, agreement ${(spread.agreement * 100).toFixed(0)}%`,
    );
  }
}
