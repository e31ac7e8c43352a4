/** One stream at a time: what /api/chat adds to a 2,000-token reply, at full speed and paced. */
import { FULL_SPEED, STREAM_TOKENS, time, warmUp, type StreamPaths } from "./targets";
import { median, ms, signedMs } from "./stats";
import type { StreamTiming } from "./stream-client";

const FULL_SPEED_RUNS = 21;
/** Each paced run takes 20 s per path. */
const PACED_RUNS = 1;

/** A route to measure, and how its lines are labelled when several are measured in one run. */
export interface RouteUnderTest {
  label: string;
  paths: StreamPaths;
}

/**
 * Each round fetches the direct stream once, then every route (their order turning each round),
 * so routes measured together (a baseline checkout and this one) see the same machine state and
 * are compared against the same direct samples.
 */
async function interleave(routes: readonly RouteUnderTest[], model: string, runs: number) {
  const direct: StreamTiming[] = [];
  const routed: StreamTiming[][] = routes.map(() => []);
  for (let i = 0; i < runs; i++) {
    direct.push(await time(routes[0].paths.direct(model)));
    for (let k = 0; k < routes.length; k++) {
      const r = (k + i) % routes.length;
      routed[r].push(await time(routes[r].paths.route(model)));
    }
  }
  const m = (ts: StreamTiming[], key: "firstContentMs" | "totalMs") => median(ts.map((t) => t[key]));
  return routed.map((route) => ({
    first: { direct: m(direct, "firstContentMs"), route: m(route, "firstContentMs") },
    total: { direct: m(direct, "totalMs"), route: m(route, "totalMs") },
  }));
}

export async function measureSingle(routes: readonly RouteUnderTest[]): Promise<void> {
  const together = routes.length > 1 ? `; ${routes.map((r) => r.label).join(" and ")} interleaved` : "";
  console.log(`\n== One ${STREAM_TOKENS.toLocaleString("en")}-token stream: direct from the upstream vs through /api/chat (fresh connection each, alternating${together}) ==`);
  for (const route of routes) await warmUp(route.paths);
  const label = (i: number) => (routes.length > 1 ? `${routes[i].label}: ` : "");
  const fast = await interleave(routes, FULL_SPEED, FULL_SPEED_RUNS);
  fast.forEach((f, i) => {
    const perTokenUs = ((f.total.route - f.total.direct) / STREAM_TOKENS) * 1000;
    console.log(
      `${label(i)}full speed    first content: direct ${ms(f.first.direct)}, route ${ms(f.first.route)}, added ${signedMs(f.first.route - f.first.direct)}` +
        ` | total: direct ${ms(f.total.direct)}, route ${ms(f.total.route)}, ratio ${(f.total.route / f.total.direct).toFixed(2)}× (target ≤ 1.5×)` +
        ` | per token ${perTokenUs.toFixed(1)} µs (target ≤ 6 µs) [median of ${FULL_SPEED_RUNS}]`,
    );
  });
  const paced = await interleave(routes, `stamp:${STREAM_TOKENS}:100`, PACED_RUNS);
  paced.forEach((p, i) => {
    console.log(
      `${label(i)}100 tokens/s  total: direct ${ms(p.total.direct, 0)}, route ${ms(p.total.route, 0)}, ratio ${(p.total.route / p.total.direct).toFixed(3)}×` +
        ` [${PACED_RUNS === 1 ? "1 run each" : `median of ${PACED_RUNS}`}]`,
    );
  });
}
