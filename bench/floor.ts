/**
 * Next's own floor: what a trivial route costs above a bare node server, and how much of
 * /api/chat's added first-content time is left above that floor (the part the route owns).
 */
import { FULL_SPEED, time, warmUp, type StreamPaths } from "./targets";
import { median, ms, signedMs } from "./stats";
import { timeGet } from "./stream-client";

const ROUNDS = 30;

export async function measureFloor(app: string, upstreamUrl: string, paths: StreamPaths): Promise<void> {
  console.log(`\n== Floor: a trivial route vs a bare node server, and /api/chat's first content above it (fresh connection each, alternating, median of ${ROUNDS}) ==`);
  await warmUp(paths);
  const bare: number[] = [];
  const trivial: number[] = [];
  const direct: number[] = [];
  const routed: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // The same path on both servers: the bench upstream answers /api/health/live like the app's probe.
    bare.push(await timeGet(`${upstreamUrl}/api/health/live`));
    trivial.push(await timeGet(`${app}/api/health/live`));
    direct.push((await time(paths.direct(FULL_SPEED))).firstContentMs);
    routed.push((await time(paths.route(FULL_SPEED))).firstContentMs);
  }
  const floor = median(trivial) - median(bare);
  const added = median(routed) - median(direct);
  console.log(`full response   bare node ${ms(median(bare))} | Next GET /api/health/live ${ms(median(trivial))} | Next's floor ${signedMs(floor)}`);
  console.log(`first content   direct ${ms(median(direct))} | /api/chat ${ms(median(routed))} | added ${signedMs(added)}`);
  console.log(`/api/chat first content above Next's floor: ${signedMs(added - floor)} (target ≤ 2 ms)`);
}
