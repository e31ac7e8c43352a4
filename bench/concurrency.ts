/**
 * Many 2,000-token streams at 100 tokens/s at once, each on a fresh connection: straight from
 * the upstream, then (not simultaneously) through /api/chat. At 100 tokens/s a reply lasts 20 s,
 * long enough for a backlog in the server to build up and show at the end of the reply.
 */
import { startLoadClient } from "./children";
import { monotonicMs } from "./clock";
import type { StreamOutcome } from "./load-process";
import { treeCpuSeconds } from "./next-server";
import { percentile } from "./stats";
import { STREAM_TOKENS, warmUp, type StreamPaths, type Target } from "./targets";

const STREAM_COUNTS = [50, 200, 500];
const TARGET_AT = 200;
const MODEL = `stamp:${STREAM_TOKENS}:100`;

interface Summary {
  first: [p50: number, p99: number];
  end: [p50: number, p99: number];
  errors: string[];
  stamps: number;
}

function summarise(outcomes: StreamOutcome[]): Summary {
  const ok = outcomes.flatMap((o) => (o.ok ? [o.timing] : []));
  const errors = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
  for (const t of ok) if (t.stamps !== STREAM_TOKENS) errors.push(`${t.stamps} of ${STREAM_TOKENS} tokens arrived`);
  // First content from the request (the route's own start-up work counts), the end from the
  // upstream's write of the last token (the backlog, free of when each request happened to start).
  const first = ok.map((t) => t.firstContentMs);
  const end = ok.map((t) => t.lastLagMs);
  return {
    first: [percentile(first, 50), percentile(first, 99)],
    end: [percentile(end, 50), percentile(end, 99)],
    errors,
    stamps: ok.reduce((sum, t) => sum + t.stamps, 0),
  };
}

const pair = ([p50, p99]: readonly number[]) => `${p50.toFixed(1)} / ${p99.toFixed(1)} ms`;
const added = (route: readonly number[], direct: readonly number[]) =>
  route.map((r, i) => `${r - direct[i] >= 0 ? "+" : "−"}${Math.abs(r - direct[i]).toFixed(1)}`).join(" / ") + " ms";

function errorText(errors: string[]): string {
  if (!errors.length) return "0";
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(e, (counts.get(e) ?? 0) + 1);
  return `${errors.length} (${[...counts].slice(0, 3).map(([e, n]) => `${n}× ${e}`).join("; ")})`;
}

export async function measureConcurrency(paths: StreamPaths, serverPid: number, upstreamPid: number, floorUrls: { bare: string; next: string }): Promise<void> {
  console.log(
    `\n== Concurrent ${STREAM_TOKENS.toLocaleString("en")}-token streams at 100 tokens/s, fresh connection each; direct, then through /api/chat ==` +
      `\n   first content = request → first token; end = upstream's write of the last token → received; p50 / p99; added = route − direct per percentile`,
  );
  await warmUp(paths);
  const client = startLoadClient();
  // The bench's own processes must stay well below a full core each, or they, not the server, set the figures.
  const run = async (target: Target, n: number) => {
    const [start, serverCpu, upstreamCpu] = [monotonicMs(), treeCpuSeconds(serverPid), treeCpuSeconds(upstreamPid)];
    const { outcomes, clientCpuSeconds } = await client.run(target.url, target.body, n);
    const wall = (monotonicMs() - start) / 1000;
    const busy = (cpu: number) => `${((cpu / wall) * 100).toFixed(0)}%`;
    const equipment = `client ${busy(clientCpuSeconds)}, upstream ${busy(treeCpuSeconds(upstreamPid) - upstreamCpu)} of a core`;
    await settle();
    return { ...summarise(outcomes), serverCpu: treeCpuSeconds(serverPid) - serverCpu, equipment };
  };
  try {
    for (const n of STREAM_COUNTS) {
      const direct = await run(paths.direct(MODEL), n);
      const route = await run(paths.route(MODEL), n);
      const target = n === TARGET_AT ? " (target p99 ≤ +50 ms)" : "";
      console.log(`N=${n}`);
      console.log(`  first content  direct ${pair(direct.first)} | route ${pair(route.first)} | added ${added(route.first, direct.first)}${target}`);
      console.log(`  end            direct ${pair(direct.end)} | route ${pair(route.end)} | added ${added(route.end, direct.end)}${target}`);
      console.log(
        `  errors direct ${errorText(direct.errors)}, route ${errorText(route.errors)}${n === TARGET_AT ? " (target 0)" : ""}` +
          ` | server CPU ${((route.serverCpu / route.stamps) * 1000).toFixed(3)} s per 1,000 tokens (${route.serverCpu.toFixed(1)} s for ${route.stamps.toLocaleString("en")} tokens)`,
      );
      console.log(`  bench processes busy: direct run ${direct.equipment}; route run ${route.equipment}`);
      // The same burst of fresh connections to a route that does nothing: what Next itself adds to
      // the first content of N requests that arrive together, before any route code runs.
      const bare = await client.gets(floorUrls.bare, n);
      await settle();
      const trivial = await client.gets(floorUrls.next, n);
      await settle();
      const [b, t] = [bare, trivial].map((times) => [percentile(times, 50), percentile(times, 99)]);
      console.log(
        `  Next's floor  ${n} GETs at once: bare node ${pair(b)} | Next GET /api/health/live ${pair(t)} | added ${added(t, b)}` +
          ` | /api/chat first content above it ${added(route.first.map((r, i) => r - direct.first[i]), t.map((x, i) => x - b[i]))}`,
      );
    }
  } finally {
    client.close();
  }
}

/** Lets the previous batch's sockets close and the server collect its garbage before the next batch starts. */
const settle = () => new Promise((r) => setTimeout(r, 2000));
