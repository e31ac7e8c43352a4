/**
 * A `next start` of the built app on its own port, with its own environment and data folder, for
 * tests that need settings the shared servers do not have (a low limit, trusted proxy hops).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface OwnServer {
  url: string;
  stop(): Promise<void>;
}

export async function startOwnServer(port: number, env: Record<string, string>): Promise<OwnServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-own-server-"));
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    // A configured (unreachable) upstream: no demo model to write or load, so start-up is quick.
    env: { ...process.env, MODELSLAB_API_KEY: "unused", MODELSLAB_BASE_URL: "http://127.0.0.1:9/v1", DATABASE_URL: "", DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group, so stop() ends npx and the server it started together.
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`next start did not answer at ${url} within 60 s`);
    const up = await fetch(`${url}/api/models`).then(() => true, () => false);
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
