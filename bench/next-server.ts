/** Starts `next start` for the bench and reads what its processes cost. */
import { spawn, execSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export function startNext(port: number, env: Record<string, string>): ChildProcess {
  return spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    // stderr stays visible: a route that throws under load should be seen, not guessed at.
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not start`);
}

const TICKS_PER_SECOND = Number(execSync("getconf CLK_TCK").toString().trim()) || 100;

/**
 * User + system CPU seconds used so far by `rootPid` and every live descendant: `next start`
 * runs the server in a child node process, so the CLI's own figure alone would read ~0.
 */
export function treeCpuSeconds(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (field 2) may contain spaces and parentheses: split after its last ")".
      const text = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      // After the name: state, ppid, …; utime and stime are fields 14 and 15 of the whole line.
      stats.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      /* the process exited while we looked */
    }
  }
  let ticks = 0;
  const visit = (pid: number) => {
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, { ppid }] of stats) if (ppid === pid) visit(child);
  };
  visit(rootPid);
  return ticks / TICKS_PER_SECOND;
}
