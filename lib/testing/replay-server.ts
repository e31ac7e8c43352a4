/**
 * A local HTTP server that replays recorded upstream wire bytes, chunk by chunk, with the
 * ugly cases on demand: split chunks, pauses, a dropped connection. Records what it received.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Scenario {
  status?: number;
  headers?: Record<string, string>;
  /** Written one by one, each flushed on its own. */
  chunks?: (string | Buffer)[];
  /** Pause before each chunk, in ms. */
  delayMs?: number;
  /** Destroy the socket after the chunks instead of ending the response. */
  drop?: boolean;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The client's port: the same for requests that came over one kept-alive connection. */
  clientPort: number;
}

export interface ReplayServer {
  url: string;
  requests: RecordedRequest[];
  /** Scenarios served in order; the last one repeats. */
  queue(...scenarios: Scenario[]): void;
  /** Resolves when a response stream was closed by the client before it finished. */
  clientClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function startReplayServer(): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  let scenarios: Scenario[] = [];
  const closedWaiters: (() => void)[] = [];

  const server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body, clientPort: req.socket.remotePort ?? 0 });
    const scenario = scenarios.length > 1 ? scenarios.shift()! : (scenarios[0] ?? { status: 404 });

    let finished = false;
    res.on("close", () => {
      if (!finished) for (const wake of closedWaiters.splice(0)) wake();
    });
    if (scenario.hang) return;

    res.writeHead(scenario.status ?? 200, { "Content-Type": "text/event-stream", ...scenario.headers });
    res.flushHeaders();
    for (const chunk of scenario.chunks ?? []) {
      if (scenario.delayMs) await new Promise((r) => setTimeout(r, scenario.delayMs));
      if (res.destroyed) return;
      // Wait for each write to reach the socket, so a later drop cannot swallow it.
      await new Promise((resolve) => res.write(chunk, resolve));
    }
    if (scenario.drop) {
      await new Promise((r) => setTimeout(r, 20));
      res.socket?.destroy();
      return;
    }
    finished = true;
    res.end();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue: (...next) => {
      scenarios = next;
    },
    clientClosed: () => new Promise((resolve) => closedWaiters.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
