/**
 * Next's own floor: what a trivial route costs above a bare node server, and how much of
 * /api/chat's added first-content time is left above that floor (the part the route owns).
 */
import { FULL_SPEED, time, warmUp, type StreamPaths } from "./targets";
import { median, ms, signedMs } from "./stats";
import { timeGet } from "./stream-client";

const ROUNDS = 80;

/** A server to measure; several (a baseline checkout and this one) are interleaved round by round. */
export interface AppUnderTest {
  label: string;
  url: string;
  paths: StreamPaths;
}

export async function measureFloor(upstreamUrl: string, apps: readonly AppUnderTest[]): Promise<void> {
  const together = apps.length > 1 ? `; ${apps.map((a) => a.label).join(" and ")} interleaved` : "";
  console.log(`\n== Floor: a trivial route vs a bare node server, and /api/chat's first content above it (fresh connection each, alternating, median of ${ROUNDS}${together}) ==`);
  for (const app of apps) await warmUp(app.paths);
  const bare: number[] = [];
  const direct: number[] = [];
  const trivial: number[][] = apps.map(() => []);
  const routed: number[][] = apps.map(() => []);
  for (let i = 0; i < ROUNDS; i++) {
    // The same path on both servers: the bench upstream answers /api/health/live like the app's probe.
    bare.push(await timeGet(`${upstreamUrl}/api/health/live`));
    for (let k = 0; k < apps.length; k++) trivial[(k + i) % apps.length].push(await timeGet(`${apps[(k + i) % apps.length].url}/api/health/live`));
    direct.push((await time(apps[0].paths.direct(FULL_SPEED))).firstContentMs);
    for (let k = 0; k < apps.length; k++) routed[(k + i) % apps.length].push((await time(apps[(k + i) % apps.length].paths.route(FULL_SPEED))).firstContentMs);
  }
  apps.forEach((app, a) => {
    const label = apps.length > 1 ? `${app.label}: ` : "";
    const floor = median(trivial[a]) - median(bare);
    const added = median(routed[a]) - median(direct);
    console.log(`${label}full response   bare node ${ms(median(bare))} | Next GET /api/health/live ${ms(median(trivial[a]))} | Next's floor ${signedMs(floor)}`);
    console.log(`${label}first content   direct ${ms(median(direct))} | /api/chat ${ms(median(routed[a]))} | added ${signedMs(added)}`);
    console.log(`${label}/api/chat first content above Next's floor: ${signedMs(added - floor)} (target ≤ 2 ms)`);
  });
}
