/**
 * Writes the tiny Mixtral-shaped demo model: random weights, but the real 32,000-piece
 * Mistral v1 vocabulary and a sparse mixture-of-experts feed-forward block, so the whole
 * local path (tokenizer, chat template, MoE kernels, sampling, streaming) runs for real
 * on a fresh machine with nothing downloaded. Replies are gibberish by design.
 */
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeGguf, type MetadataValue, type TensorSpec } from "./gguf-writer";
import { loadMistralVocabulary } from "./mistral-vocabulary";

export const DEMO_MODEL_FILE = "mixtral-demo-random-8x-tiny.gguf";
/** Bump when the shape or weights change so stale files are rewritten. */
const DEMO_MODEL_VERSION = 1;

const SHAPE = {
  contextLength: 32_768,
  embedding: 64,
  blocks: 2,
  feedForward: 128,
  heads: 4,
  kvHeads: 2,
  experts: 4,
  expertsUsed: 2,
} as const;

export const MIXTRAL_CHAT_TEMPLATE =
  "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}" +
  "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}" +
  "{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}" +
  "{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token }}" +
  "{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}";

/** mulberry32: a tiny seeded PRNG so the same file comes out on every machine. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildTensors(vocabSize: number, silencedTokenIds: readonly number[]): TensorSpec[] {
  const rand = seededRandom(0x6d697874);
  const { embedding: d, feedForward: ff, experts, kvHeads, heads, blocks } = SHAPE;
  const kvWidth = (d / heads) * kvHeads;

  const random = (name: string, dims: number[], scale: number): TensorSpec => {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = (rand() * 2 - 1) * scale;
    return { name, dims, data };
  };
  const ones = (name: string, n: number): TensorSpec => ({ name, dims: [n], data: new Float32Array(n).fill(1) });

  const output = random("output.weight", [d, vocabSize], 0.6);
  // A zero row gives a logit of 0, far below the best of 32,000 random logits, so the demo
  // rarely stops early or emits control/byte pieces.
  for (const id of silencedTokenIds) output.data.fill(0, id * d, (id + 1) * d);

  const tensors: TensorSpec[] = [random("token_embd.weight", [d, vocabSize], 1), ones("output_norm.weight", d), output];
  for (let n = 0; n < blocks; n++) {
    const fanIn = 1 / Math.sqrt(d);
    tensors.push(
      ones(`blk.${n}.attn_norm.weight`, d),
      random(`blk.${n}.attn_q.weight`, [d, d], fanIn),
      random(`blk.${n}.attn_k.weight`, [d, kvWidth], fanIn),
      random(`blk.${n}.attn_v.weight`, [d, kvWidth], fanIn),
      random(`blk.${n}.attn_output.weight`, [d, d], fanIn),
      ones(`blk.${n}.ffn_norm.weight`, d),
      random(`blk.${n}.ffn_gate_inp.weight`, [d, experts], fanIn),
      random(`blk.${n}.ffn_gate_exps.weight`, [d, ff, experts], fanIn),
      random(`blk.${n}.ffn_up_exps.weight`, [d, ff, experts], fanIn),
      random(`blk.${n}.ffn_down_exps.weight`, [ff, d, experts], 1 / Math.sqrt(ff)),
    );
  }
  return tensors;
}

function buildMetadata(vocab: ReturnType<typeof loadMistralVocabulary>): Record<string, MetadataValue> {
  const s = SHAPE;
  return {
    "general.architecture": { type: "string", value: "llama" },
    "general.name": { type: "string", value: "Mixtral-shaped demo (random weights)" },
    "general.version": { type: "string", value: `demo-${DEMO_MODEL_VERSION}` },
    "general.alignment": { type: "u32", value: 32 },
    "llama.context_length": { type: "u32", value: s.contextLength },
    "llama.embedding_length": { type: "u32", value: s.embedding },
    "llama.block_count": { type: "u32", value: s.blocks },
    "llama.feed_forward_length": { type: "u32", value: s.feedForward },
    "llama.attention.head_count": { type: "u32", value: s.heads },
    "llama.attention.head_count_kv": { type: "u32", value: s.kvHeads },
    "llama.attention.layer_norm_rms_epsilon": { type: "f32", value: 1e-5 },
    "llama.rope.freq_base": { type: "f32", value: 1e6 },
    "llama.rope.dimension_count": { type: "u32", value: s.embedding / s.heads },
    "llama.expert_count": { type: "u32", value: s.experts },
    "llama.expert_used_count": { type: "u32", value: s.expertsUsed },
    "llama.vocab_size": { type: "u32", value: vocab.tokens.length },
    "tokenizer.ggml.model": { type: "string", value: "llama" },
    "tokenizer.ggml.tokens": { type: "string[]", value: vocab.tokens },
    "tokenizer.ggml.scores": { type: "f32[]", value: vocab.scores },
    "tokenizer.ggml.token_type": { type: "i32[]", value: vocab.tokenTypes },
    "tokenizer.ggml.unknown_token_id": { type: "u32", value: 0 },
    "tokenizer.ggml.bos_token_id": { type: "u32", value: 1 },
    "tokenizer.ggml.eos_token_id": { type: "u32", value: 2 },
    "tokenizer.ggml.add_bos_token": { type: "bool", value: true },
    "tokenizer.ggml.add_eos_token": { type: "bool", value: false },
    "tokenizer.chat_template": { type: "string", value: MIXTRAL_CHAT_TEMPLATE },
  };
}

/** Writes the model unless an up-to-date copy exists; returns its path. Safe to call concurrently. */
export async function ensureDemoModel(dir: string): Promise<string> {
  const file = path.join(dir, DEMO_MODEL_FILE);
  const marker = `${file}.v${DEMO_MODEL_VERSION}`;
  if (await exists(file) && await exists(marker)) return file;

  await mkdir(dir, { recursive: true });
  const vocab = loadMistralVocabulary();
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeGguf(tmp, buildMetadata(vocab), buildTensors(vocab.tokens.length, vocab.nonTextIds));
  // rename is atomic: a reader never sees a half-written model.
  await rename(tmp, file);
  await writeFile(marker, "");
  return file;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}
