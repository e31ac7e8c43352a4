/**
 * Share links under load: 50 concurrent clients each create share links, then read each of their
 * share pages twice: the first read of a page renders it (markdown, highlighting, React: uncached),
 * the second is served from the share-page cache. Prints p50/p99 per operation for whichever
 * database the server uses. Target for the share page with 50 concurrent readers: p99 ≤ 100 ms.
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
async function timed(fn: () => Promise<Response>): Promise<{ ms: number; status: number; text: string; cache: string | null }> {
  const start = performance.now();
  const response = await fn();
  const text = await response.text();
  return { ms: performance.now() - start, status: response.status, text, cache: response.headers.get("x-share-page-cache") };
}

export async function benchShares(app: string, percentile: (xs: number[], p: number) => number): Promise<string> {
  const creates: number[] = [];
  const uncached: number[] = [];
  const cached: number[] = [];
  let errors = 0;
  let hits = 0;
  const ids: string[][] = Array.from({ length: CLIENTS }, () => []);
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; n < PER_CLIENT; n++) {
        const { ms, status, text } = await timed(() =>
          fetch(`${app}/api/shares`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(conversation(client, n)) }),
        );
        creates.push(ms);
        if (status === 201) ids[client].push((JSON.parse(text) as { id: string }).id);
        else errors++;
      }
    }),
  );
  // 50 concurrent readers, each reading its own pages one after another: first every page once, then again.
  for (const reads of [uncached, cached]) {
    await Promise.all(
      ids.map(async (mine) => {
        for (const id of mine) {
          const { ms, status, cache } = await timed(() => fetch(`${app}/s/${id}`));
          if (status !== 200) errors++;
          if (cache === "hit") hits++;
          reads.push(ms);
        }
      }),
    );
  }
  // Next's own floor at the same concurrency, in the same run: the liveness probe renders nothing.
  const floor: number[] = [];
  await Promise.all(
    ids.map(async (mine) => {
      for (let n = 0; n < mine.length; n++) floor.push((await timed(() => fetch(`${app}/api/health/live`))).ms);
    }),
  );
  // Every run shares new content (a random salt), so creates are real inserts, not dedupe hits.
  const f = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms`;
  return [
    `create ${f(creates)}`,
    `share page read, 50 concurrent readers: uncached (first read) ${f(uncached)} | cached ${f(cached)} (target p99 ≤ 100 ms; ${hits} of ${cached.length} served from the cache)`,
    `floor (GET /api/health/live, same 50 × 10 pattern) ${f(floor)}`,
    `${creates.length + uncached.length + cached.length} requests, ${errors} errors`,
  ].join("\n            ");
}
