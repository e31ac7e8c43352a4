/**
 * How a provider talks HTTP to its upstream. By default node:http(s) with keep-alive agents:
 * measured here, fetch took about 2 ms longer to deliver response headers than http.request on
 * loopback, and its body arrives through web streams whose every read is a promise chain (each
 * paying for Next's async-context hooks). A body here is the response's own Readable. An
 * injected fetch (tests that route to an in-process handler) is adapted to the same shape.
 */
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { FetchLike } from "./types";

export interface UpstreamRequest {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
  /** The body as it arrives, read from its `data` events; destroying it closes the connection. */
  body(): Readable;
}

export type Transport = (url: string, request: UpstreamRequest) => Promise<UpstreamResponse>;

// Streams are long and many run at once: no cap on sockets per upstream, idle ones kept for reuse.
const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

export const nodeHttpTransport: Transport = async (url, request) => {
  try {
    return await send(url, request, agents);
  } catch (error) {
    // A kept-alive connection the upstream (or a proxy before it) closed while idle fails the
    // next request sent on it, before any answer: that request never reached the upstream, so it
    // is sent once more, on a new connection (Node's documented pattern for keep-alive agents).
    if (!(error instanceof StaleSocketError) || request.signal.aborted) throw error instanceof StaleSocketError ? error.cause : error;
    return send(url, request, false);
  }
};

class StaleSocketError extends Error {
  constructor(readonly cause: unknown) {
    super("a reused connection was closed before the answer");
  }
}

const CLOSED_CONNECTION_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

function send(url: string, { method, headers, body, signal }: UpstreamRequest, agent: typeof agents | false): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const protocol = target.protocol === "https:" ? "https:" : "http:";
    const request = (protocol === "https:" ? https : http).request(
      target,
      { method, headers: body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) }, agent: agent ? agent[protocol] : false, signal },
      (response) => {
        resolve({
          status: response.statusCode ?? 0,
          header: (name) => {
            const value = response.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
          },
          async text() {
            let text = "";
            response.setEncoding("utf8");
            for await (const chunk of response) text += chunk;
            return text;
          },
          body: () => response,
        });
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      reject(request.reusedSocket && CLOSED_CONNECTION_CODES.has(error.code ?? "") ? new StaleSocketError(error) : error),
    );
    request.end(body);
  });
}

export function fetchTransport(doFetch: FetchLike): Transport {
  return async (url, { method, headers, body, signal }) => {
    const response = await doFetch(url, { method, headers, body, signal });
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: () => response.text(),
      body: () => (response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([])),
    };
  };
}
