/**
 * The token counter against known ids. The reference is llama.cpp itself, tokenizing with the
 * demo GGUF (the real Mistral v1 vocabulary and merge scores): an independent SentencePiece
 * implementation, so agreement means these are the ids Mixtral sees. /api/count-tokens must
 * answer the same counts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "./route";
import { ensureDemoModel } from "@/lib/engine/demo-model";
import { LocalEngine } from "@/lib/engine/local-engine";
import type { ChatMessage } from "@/lib/chat/request";
import { countPromptTokens, encodeText } from "@/lib/tokens/mistral-tokenizer";

const TEXTS = [
  "Hello world!",
  "The quick brown fox jumps over the lazy dog.",
  "  leading spaces and trailing  ",
  "line one\nline two\n\n\ttabbed",
  "def quicksort(xs):\n    return xs if len(xs) < 2 else quicksort([x for x in xs[1:] if x < xs[0]]) + [xs[0]]",
  "const sum = (a, b) => a + b; // arrow function\nconsole.log(`${sum(1, 2)}`);",
  '{"model": "mixtral", "temperature": 0.7, "messages": [{"role": "user"}]}',
  '<div class="x">Hello &amp; goodbye</div>',
  "SELECT id, name FROM users WHERE created_at > NOW() - INTERVAL '7 days';",
  "Emoji: 🚀🔥😀 and flags 🇫🇷 and family 👨‍👩‍👧",
  "日本語のテキストをトークン化します。",
  "量子计算机使用量子比特。",
  "Привет, как дела? Всё хорошо.",
  "مرحبا بالعالم",
  "שלום עולם",
  "नमस्ते दुनिया",
  "Ελληνικά γράμματα: α β γ δ",
  "Café, naïve, façade, jalapeño, Größe, Ærøskøbing",
  "3.14159 2,718 1e-9 0xFF 1_000_000 -42",
  "URLs: https://modelslab.com/api/v7/llm/chat/completions?x=1&y=2#top",
  "[INST] not a control token [/INST] </s> <s>",
  "Mixed: English, 中文, العربية, and 🙂 in one line.",
  "a",
  "Supercalifragilisticexpialidocious antidisestablishmentarianism",
];

const CHATS: { systemMessage: string; messages: ChatMessage[] }[] = [
  { systemMessage: "", messages: [{ role: "user", content: "Hello world!" }] },
  {
    systemMessage: "You are a helpful AI assistant specialized in providing accurate and detailed responses.",
    messages: [
      { role: "user", content: "Explain quantum computing in simple terms" },
      { role: "assistant", content: "A qubit can be 0, 1, or both until measured." },
      { role: "user", content: "Shorter, with an emoji 🙂 and 量子" },
    ],
  },
];

let dir: string;
let llama: LocalEngine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "token-ids-"));
  llama = await LocalEngine.load({ modelPath: await ensureDemoModel(dir), threads: 1, contextSize: 512, parallel: 1 });
});
afterAll(async () => {
  await llama?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const count = async (body: unknown) => (await POST(new Request("http://x/api/count-tokens", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }))).json();

describe("Mixtral token counts", () => {
  it("match hard-coded ids from Mixtral's tokenizer", async () => {
    expect(await encodeText("Hello world!")).toEqual([22557, 1526, 28808]);
    expect(await encodeText("[INST]")).toEqual([733, 16289, 28793]);
  });

  it.each(TEXTS)("%j: the ids llama.cpp produces, and the route's count", async (text) => {
    const known = llama.tokenizeText(text);
    expect(await encodeText(text)).toEqual(known);
    expect(await count({ text })).toEqual({ tokens: known.length });
  });

  it("counts a whole request with the Mixtral template exactly as llama.cpp tokenizes it", async () => {
    for (const chat of CHATS) {
      const known = llama.tokenize(chat).length;
      expect(await countPromptTokens(chat.systemMessage, chat.messages)).toBe(known);
      // The window of what serves: the embedded engine's LOCAL_CONTEXT_SIZE (8,192 by default), not Mixtral's 32,768.
      expect(await count(chat)).toEqual({ promptTokens: known, contextWindow: 8192 });
    }
  });

  it("answers bad bodies with a 400", async () => {
    const response = await POST(new Request("http://x/api/count-tokens", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" }));
    expect(response.status).toBe(400);
  });
});
