/** Starts `next start` for the bench and reads what its processes cost. */
import { spawn, execSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";

export interface NextServer {
  url: string;
  pid: number;
  stop(): void;
}

/**
 * Starts a production server on a free port and waits until it answers. Its own port, not a
 * fixed one: another bench on this machine must never be the server measured here.
 */
export async function startNext(env: Record<string, string>, appDir = process.cwd()): Promise<NextServer> {
  const port = await freePort();
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    // stderr stays visible: a route that throws under load should be seen, not guessed at.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health/live`, child);
  return { url, pid: child.pid!, stop: () => void child.kill() };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}) before ${url} answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`${url} did not start`);
}

const TICKS_PER_SECOND = Number(execSync("getconf CLK_TCK").toString().trim()) || 100;

/**
 * User + system CPU seconds used so far by `rootPid` and every live descendant: whether
 * `next start` serves from its own process or from a child node process differs between Next
 * versions and options, and the tree covers both.
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

/** `rootPid` and its live descendants, each with its command name and resident set size (VmRSS, kB). */
export function treeRss(rootPid: number): { pid: number; name: string; rssKb: number }[] {
  const procs = new Map<number, { ppid: number; name: string; rssKb: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const field = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, "m").exec(status)?.[1] ?? "";
      procs.set(Number(entry), { ppid: Number(field("PPid")), name: field("Name"), rssKb: parseInt(field("VmRSS"), 10) || 0 });
    } catch {
      /* the process exited while we looked */
    }
  }
  const tree: { pid: number; name: string; rssKb: number }[] = [];
  const visit = (pid: number) => {
    const proc = procs.get(pid);
    if (proc) tree.push({ pid, name: proc.name, rssKb: proc.rssKb });
    for (const [child, { ppid }] of procs) if (ppid === pid) visit(child);
  };
  visit(rootPid);
  return tree;
}
