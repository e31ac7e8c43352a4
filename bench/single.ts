/** One stream at a time: what /api/chat adds to a 2,000-token reply, at full speed and paced. */
import { FULL_SPEED, STREAM_TOKENS, time, warmUp, type StreamPaths } from "./targets";
import { median, ms, signedMs } from "./stats";
import type { StreamTiming } from "./stream-client";

const FULL_SPEED_RUNS = 15;
/** Each paced run takes 20 s per path. */
const PACED_RUNS = 1;

async function alternate(paths: StreamPaths, model: string, runs: number) {
  const direct: StreamTiming[] = [];
  const route: StreamTiming[] = [];
  for (let i = 0; i < runs; i++) {
    direct.push(await time(paths.direct(model)));
    route.push(await time(paths.route(model)));
  }
  const m = (ts: StreamTiming[], key: "firstContentMs" | "totalMs") => median(ts.map((t) => t[key]));
  return {
    first: { direct: m(direct, "firstContentMs"), route: m(route, "firstContentMs") },
    total: { direct: m(direct, "totalMs"), route: m(route, "totalMs") },
  };
}

export async function measureSingle(paths: StreamPaths): Promise<void> {
  console.log(`\n== One ${STREAM_TOKENS.toLocaleString("en")}-token stream: direct from the upstream vs through /api/chat (fresh connection each, alternating) ==`);
  await warmUp(paths);
  const fast = await alternate(paths, FULL_SPEED, FULL_SPEED_RUNS);
  const perTokenUs = ((fast.total.route - fast.total.direct) / STREAM_TOKENS) * 1000;
  console.log(
    `full speed    first content: direct ${ms(fast.first.direct)}, route ${ms(fast.first.route)}, added ${signedMs(fast.first.route - fast.first.direct)}` +
      ` | total: direct ${ms(fast.total.direct)}, route ${ms(fast.total.route)}, ratio ${(fast.total.route / fast.total.direct).toFixed(2)}× (target ≤ 1.5×)` +
      ` | per token ${perTokenUs.toFixed(1)} µs (target ≤ 6 µs) [median of ${FULL_SPEED_RUNS}]`,
  );
  const paced = await alternate(paths, `stamp:${STREAM_TOKENS}:100`, PACED_RUNS);
  console.log(
    `100 tokens/s  total: direct ${ms(paced.total.direct, 0)}, route ${ms(paced.total.route, 0)}, ratio ${(paced.total.route / paced.total.direct).toFixed(3)}×` +
      ` [${PACED_RUNS === 1 ? "1 run each" : `median of ${PACED_RUNS}`}]`,
  );
}
