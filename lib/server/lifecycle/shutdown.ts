/**
 * Graceful shutdown on SIGTERM (and SIGINT), installed by instrumentation.ts.
 *
 * What `next start` already does on these signals (next/dist/server/lib/start-server.js): it
 * closes the listening socket (no new connections; idle keep-alive ones are closed), waits for
 * every open connection to finish, then calls process.exit(143). It waits without bound, and a
 * stream can last minutes. This adds the rest:
 * - requests that still arrive on an open keep-alive connection are answered with
 *   `Connection: close`, and connections that fall idle are closed, so the wait can end;
 * - running streams get SHUTDOWN_GRACE_S to finish, then end with an error event (their one
 *   terminal event), which lets the client retry on another instance;
 * - process.exit waits (up to WRITES_DEADLINE_MS) for share writes still under way (a client
 *   that disconnected does not stop its handler's insert or revoke), so nothing written is lost;
 * - a last deadline exits if some non-streaming request never ends.
 */
import "server-only";
import diagnosticsChannel from "node:diagnostics_channel";
import type { Server, ServerResponse } from "node:http";
import { errorEvent } from "../../chat/errors";
import { getEnv } from "../../env";
import { pendingWrites } from "../../db/pending-writes";
import { activeStreamCount, endActiveStreams } from "../http/sse-response";

const WRITES_DEADLINE_MS = 10_000;
/** After the grace period, how long non-streaming requests may still take before the process exits anyway. */
const LAST_DEADLINE_MS = 15_000;

interface ShutdownState {
  installed: boolean;
  stopping: boolean;
  servers: Set<Server>;
}

const holder = globalThis as typeof globalThis & { __shutdown?: ShutdownState };
const state = (holder.__shutdown ??= { installed: false, stopping: false, servers: new Set() });

export const isShuttingDown = () => state.stopping;

function onRequest(message: unknown) {
  const { response, server } = message as { response: ServerResponse; server: Server };
  state.servers.add(server);
  if (state.stopping) response.shouldKeepAlive = false;
}

export function installGracefulShutdown(): void {
  if (state.installed) return;
  state.installed = true;
  diagnosticsChannel.subscribe("http.server.request.start", onRequest);
  process.once("SIGTERM", () => beginShutdown("SIGTERM"));
  process.once("SIGINT", () => beginShutdown("SIGINT"));
}

/** Exported for tests; the signal handlers call it. */
export function beginShutdown(signal: string) {
  if (state.stopping) return;
  state.stopping = true;
  holdExitForWrites();
  const graceMs = getEnv().SHUTDOWN_GRACE_S * 1000;
  const streams = activeStreamCount();
  console.log(`${signal}: no new connections; ${streams} running stream${streams === 1 ? "" : "s"} may finish within ${graceMs / 1000} s.`);

  // Connections that finish their response fall idle: close them, so Next's server.close() can end.
  const sweep = setInterval(() => {
    for (const server of state.servers) server.closeIdleConnections();
  }, 100);
  sweep.unref();

  const grace = setTimeout(() => {
    const ended = endActiveStreams(errorEvent("upstream_unavailable", "this playground server is shutting down; send the message again to continue on another one"));
    if (ended) console.log(`Shutdown: ended ${ended} stream${ended === 1 ? "" : "s"} still running after ${graceMs / 1000} s.`);
    const last = setTimeout(() => {
      console.warn(`Shutdown: requests still open ${LAST_DEADLINE_MS / 1000} s after the grace period; exiting.`);
      process.exit(143);
    }, LAST_DEADLINE_MS);
    last.unref();
  }, graceMs);
  grace.unref();
}

/** Next calls process.exit once the server has closed: let share writes still under way finish first. */
function holdExitForWrites() {
  const exit = process.exit.bind(process);
  let exiting = false;
  process.exit = ((code?: number | string | null) => {
    if (exiting) return undefined as never;
    exiting = true;
    const writes = [...pendingWrites()];
    if (!writes.length) return exit(code);
    console.log(`Shutdown: waiting for ${writes.length} share write${writes.length === 1 ? "" : "s"} to complete.`);
    const deadline = new Promise((resolve) => setTimeout(resolve, WRITES_DEADLINE_MS).unref());
    void Promise.race([Promise.allSettled(writes), deadline]).finally(() => exit(code));
    return undefined as never;
  }) as typeof process.exit;
}
