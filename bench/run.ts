/**
 * `npm run bench`: prints figures beside their targets (never pass/fail). Starts the bench
 * upstream in its own process and the production server pointed at it, then measures what
 * the route adds to streaming (alone, above Next's own floor, under load), the embedded
 * engine against raw node-llama-cpp, the JavaScript the page ships, share links under load,
 * the browser's cost of rendering a long reply and of six compare columns at once, the probabilities
 * view on a 2,000-token reply (time to shade and to open a token's candidates), the prompt library
 * with 1,000 prompts × 20 versions (open, search, a diff of 20 KB versions) and typing in a System
 * Message with 30 variables (prompts), a conversation of 500 messages across 50 branches (switch a
 * version, reload) and a History of 1,000 conversations (open, search) (conversations), a test run
 * of 200 rows × 2 columns at 5 concurrent streams in the Test cases view (wall time against the
 * ideal, the main thread while it runs) and the scroll of its grid at 200 and 500 rows (test-run), latency
 * for another client while one posts 1 MB bodies in a loop (abuse), and the server's memory after
 * 2,000 streams (memory).
 * `npm run bench -- floor single` runs only the named sections.
 * With BENCH_BASELINE_DIR=<another checkout, built>, the server sections run against that
 * build ("before") and this one ("after") in turn, in the same run; `floor` and `single` run both
 * servers at once and interleave their requests. BENCH_BASELINE_UNBIASED=1
 * says that checkout is older than the demo model's Latin-only bias, so the engine section's raw
 * side samples unbiased for it too (raw and route must sample alike: the bias alone costs raw
 * about a fifth of its speed).
 */
import { execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureAbuse } from "./abuse";
import { measureBundle } from "./bundle";
import { startUpstream } from "./children";
import { measureCompareRendering } from "./compare-rendering";
import { measureConcurrency } from "./concurrency";
import { measureConversations } from "./conversations";
import { measureEngine } from "./engine";
import { measureEvals } from "./evals";
import { measureFloor } from "./floor";
import { measureMemory } from "./memory";
import { startNext, type NextServer } from "./next-server";
import { measureProbabilities } from "./probabilities";
import { measurePrompts } from "./prompts";
import { measureRendering } from "./rendering";
import { benchShares } from "./shares";
import { percentile } from "./stats";
import { measureSingle } from "./single";
import { streamPaths } from "./targets";
import { measureTestRun } from "./test-run";
import { countFormulas, MARKDOWN_MODEL, MATH_MODEL, mathTokens } from "./upstream";

const SECTIONS = ["floor", "single", "concurrency", "engine", "bundle", "shares", "rendering", "compare", "probabilities", "prompts", "conversations", "test-run", "evals", "abuse", "memory"] as const;
type Section = (typeof SECTIONS)[number];

function selectedSections(args: string[]): Set<Section> {
  const unknown = args.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length) {
    console.error(`Unknown bench section: ${unknown.join(", ")}. Sections: ${SECTIONS.join(", ")}`);
    process.exit(2);
  }
  return new Set(args.length ? (args as Section[]) : SECTIONS);
}

interface App {
  label: string;
  dir: string;
}

async function main() {
  const wanted = selectedSections(process.argv.slice(2));
  execSync("node scripts/build-if-needed.mjs", { stdio: "inherit" });
  const baseline = process.env.BENCH_BASELINE_DIR;
  const apps: App[] = baseline ? [{ label: `before (${baseline})`, dir: baseline }, { label: "after (this checkout)", dir: process.cwd() }] : [{ label: "", dir: process.cwd() }];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-data-"));
  try {
    // Section by section, each app in turn: before and after see the same machine state.
    for (const section of SECTIONS) {
      if (!wanted.has(section)) continue;
      // Per-token cost is a few µs: before and after are measured in one interleaved loop, so
      // neither sees a quieter machine than the other.
      if ((section === "single" || section === "floor") && apps.length > 1) {
        console.log(`\n#### ${section}: ${apps.map((a) => a.label).join(" and ")}, interleaved`);
        await interleaved(section, dataDir, apps);
        continue;
      }
      for (const app of ["bundle", "shares", "rendering", "compare", "probabilities", "prompts", "conversations", "test-run", "evals"].includes(section) ? apps.slice(-1) : apps) {
        if (app.label) console.log(`\n#### ${section}: ${app.label}`);
        if (section === "evals") measureEvals();
        else if (section === "engine") await measureEngine(dataDir, app.dir, app.dir === baseline && process.env.BENCH_BASELINE_UNBIASED === "1");
        else await withApp(new Set([section]), dataDir, app.dir);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The environment of a bench server whose provider is the bench upstream at `upstreamUrl`. */
function benchEnv(upstreamUrl: string, dataDir: string, databaseUrl: string): Record<string, string> {
  return {
    OPENAI_BASE_URL: upstreamUrl,
    OPENAI_MODEL: MARKDOWN_MODEL,
    MODELSLAB_API_KEY: "",
    DATA_DIR: dataDir,
    // Every bench client comes from 127.0.0.1: the per-client limits would measure themselves.
    SHARE_RATE_LIMIT: "1000000",
    CHAT_RATE_LIMIT: "100000000",
    CHAT_CONCURRENT_LIMIT: "100000000",
    TOKEN_RATE_LIMIT: "1000000000",
    COUNT_RATE_LIMIT: "100000000",
    DATABASE_URL: databaseUrl,
  };
}

/** `single` or `floor` for several checkouts at once: one upstream, one server each (own data), requests interleaved. */
async function interleaved(section: "single" | "floor", dataDir: string, apps: App[]) {
  const upstream = await startUpstream();
  const servers: NextServer[] = [];
  try {
    for (const [i, app] of apps.entries()) servers.push(await startNext(benchEnv(upstream.url, mkdtempSync(path.join(dataDir, `app${i}-`)), ""), app.dir));
    const under = apps.map((app, i) => ({ label: app.label.replace(/ \(.*\)$/, ""), url: servers[i].url, paths: streamPaths(upstream.url, servers[i].url) }));
    if (section === "single") await measureSingle(under);
    else await measureFloor(upstream.url, under);
  } finally {
    for (const server of servers) server.stop();
    upstream.close();
  }
}

/** Every section but the engine's runs against one server whose provider is the bench upstream. */
async function withApp(wanted: Set<Section>, dataDir: string, appDir: string) {
  const upstream = await startUpstream();
  const startApp = (databaseUrl: string, env: Record<string, string> = {}) => startNext({ ...benchEnv(upstream.url, dataDir, databaseUrl), ...env }, appDir);
  try {
    // These start their own server (raised limits; the inspector; 5 concurrent streams), one section at a time.
    if (wanted.has("abuse")) return await measureAbuse(upstream.url, (env) => startApp("", env));
    if (wanted.has("memory")) return await measureMemory(upstream.url, (env) => startApp("", env));
    if (wanted.has("test-run")) return await measureTestRun(upstream.url, (env) => startApp("", env));
    const server = await startApp("");
    try {
      const paths = streamPaths(upstream.url, server.url);
      if (wanted.has("floor")) await measureFloor(upstream.url, [{ label: "", url: server.url, paths }]);
      if (wanted.has("single")) await measureSingle([{ label: "", paths }]);
      if (wanted.has("concurrency")) await measureConcurrency(paths, server.pid, upstream.pid, { bare: `${upstream.url}/api/health/live`, next: `${server.url}/api/health/live` });
      if (wanted.has("bundle")) await measureBundle(server.url);
      if (wanted.has("shares")) await measureShares(server.url, startApp);
      if (wanted.has("rendering")) {
        await measureRendering(server.url, upstream.lastEndSentAt);
        const { inline, display } = countFormulas(mathTokens(6000).join(""));
        console.log(`\n== The same reply with math: ${inline} inline and ${display} display formulas, 6,000 tokens at 200 tokens/s ==`);
        // BENCH_CPU_PROFILE=<file> writes the math run's CPU profile (open it in Chrome DevTools).
        await measureRendering(server.url, upstream.lastEndSentAt, { model: MATH_MODEL, targetBusyPercent: 25, cpuProfilePath: process.env.BENCH_CPU_PROFILE });
      }
      if (wanted.has("compare")) {
        console.log(`\n== Compare mode in the browser: six columns streaming at once ==`);
        await measureCompareRendering(server.url, upstream.lastEndSentAt);
      }
      if (wanted.has("probabilities")) await measureProbabilities(server.url);
      if (wanted.has("prompts")) await measurePrompts(server.url);
      if (wanted.has("conversations")) await measureConversations(server.url);
    } finally {
      server.stop();
    }
  } finally {
    upstream.close();
  }
}

async function measureShares(app: string, startApp: (databaseUrl: string) => Promise<NextServer>) {
  console.log(`\n== Share links: 50 concurrent clients × 10 creates, then 10 share-page reads each, uncached then cached ==`);
  console.log(`SQLite      ${await benchShares(app, percentile)}`);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log("PostgreSQL  skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to measure it");
    return;
  }
  const pgServer = await startApp(databaseUrl);
  try {
    console.log(`PostgreSQL  ${await benchShares(pgServer.url, percentile)}`);
  } finally {
    pgServer.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
