/**
 * Share links under load: 50 concurrent clients each create share links and read share pages
 * (server-rendered HTML). Prints p50/p99 per operation for whichever database the server uses.
 */
import { performance } from "node:perf_hooks";

const CLIENTS = 50;
const PER_CLIENT = 10;

const salt = Math.random().toString(36).slice(2);

function conversation(client: number, n: number) {
  const reply = "A mixture of experts routes each token to **2 of 8** expert networks.\n\n```python\nprint('hi')\n```\n".repeat(4);
  return {
    systemMessage: "You are a helpful AI assistant.",
    params: { temperature: 0.7, seed: client * 1000 + n },
    messages: [
      { role: "user", content: `Client ${client}, question ${n} (${salt}): what is a mixture of experts?` },
      { role: "assistant", content: reply, usage: { promptTokens: 40, completionTokens: 120 } },
      { role: "user", content: "And why does that make inference cheaper?" },
      { role: "assistant", content: reply },
    ],
  };
}

/** Time to the whole response body, as a reader experiences it. */
async function timed(fn: () => Promise<Response>): Promise<{ ms: number; status: number; text: string }> {
  const start = performance.now();
  const response = await fn();
  const text = await response.text();
  return { ms: performance.now() - start, status: response.status, text };
}

export async function benchShares(app: string, percentile: (xs: number[], p: number) => number): Promise<string> {
  const creates: number[] = [];
  const reads: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const ids: string[] = [];
      for (let n = 0; n < PER_CLIENT; n++) {
        const { ms, status, text } = await timed(() =>
          fetch(`${app}/api/shares`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(conversation(client, n)) }),
        );
        creates.push(ms);
        if (status === 201) ids.push((JSON.parse(text) as { id: string }).id);
        else errors++;
      }
      for (const id of ids) {
        const { ms, status } = await timed(() => fetch(`${app}/s/${id}`));
        if (status !== 200) errors++;
        reads.push(ms);
      }
    }),
  );
  // Every run shares new content (a random salt), so creates are real inserts, not dedupe hits.
  const f = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms`;
  return `create ${f(creates)} | share page read ${f(reads)} | ${creates.length + reads.length} requests, ${errors} errors`;
}
