import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { nodeHttpTransport } from "./upstream-transport";

let server: http.Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

/** A server that answers the first request on each connection and `onLater` for the ones after it. */
async function serve(onLater: "close" | "answer", onFirst: "close" | "answer" = "answer") {
  const seen = { connections: 0, requests: 0 };
  const perSocket = new WeakMap<object, number>();
  server = http.createServer((req, res) => {
    seen.requests++;
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    // As a load balancer that closed the connection while it sat idle: no answer at all.
    if ((n === 1 ? onFirst : onLater) === "close") return void req.socket.destroy();
    req.resume();
    req.on("end", () => res.end("ok"));
  });
  server.on("connection", () => seen.connections++);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

const post = (signal = new AbortController().signal) => ({ method: "POST" as const, headers: {}, body: "{}", signal });

describe("nodeHttpTransport", () => {
  it("sends a request again, on a new connection, when the kept-alive one it was sent on had been closed", async () => {
    const { url, seen } = await serve("close");
    expect(await (await nodeHttpTransport(url, post())).text()).toBe("ok");
    await new Promise((resolve) => setTimeout(resolve, 10)); // the connection goes back to the pool
    const second = await nodeHttpTransport(url, post());
    expect(await second.text()).toBe("ok");
    expect(seen).toEqual({ connections: 2, requests: 3 });
  });

  it("does not send again when a new connection fails: that request may have reached the upstream", async () => {
    const { url, seen } = await serve("close", "close");
    await expect(nodeHttpTransport(url, post())).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(seen.requests).toBe(1);
  });
});
