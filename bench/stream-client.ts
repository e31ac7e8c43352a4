/**
 * Reads one SSE stream (the upstream's OpenAI chunks or /api/chat's events) on a fresh TCP
 * connection and times it. Parsing is deliberately cheap, so that hundreds of concurrent
 * streams measure the server rather than this client: events holding " @<stamp>" tokens are
 * counted with a regex and never JSON-parsed; only the few other events are.
 */
import http from "node:http";
import { monotonicMs } from "./clock";

export interface StreamTiming {
  /** From sending the request to the first content (what a user waits for). */
  firstContentMs: number;
  /** From sending the request to the end of the response. */
  totalMs: number;
  /** For "stamp" streams: how long the first and last token took from the upstream's write to here. */
  firstLagMs: number;
  lastLagMs: number;
  /** Stamps received; one per upstream token, even if the route merges tokens into fewer events. */
  stamps: number;
  /** completionTokens of a usage event (/api/chat), if one came. */
  usageTokens?: number;
}

const STAMP = /@(\d+\.\d+)/g;

export function timeStream(url: string, body: unknown): Promise<StreamTiming> {
  return new Promise((resolve, reject) => {
    const start = monotonicMs();
    const timing: StreamTiming = { firstContentMs: 0, totalMs: 0, firstLagMs: 0, lastLagMs: 0, stamps: 0 };
    let terminal = false;

    const content = (at: number) => {
      if (!timing.firstContentMs) timing.firstContentMs = at - start;
    };
    const onEvent = (data: string, at: number) => {
      if (data === "[DONE]") return void (terminal = true);
      let first = true;
      for (const [, stamp] of data.matchAll(STAMP)) {
        if (first && !timing.stamps) timing.firstLagMs = at - Number(stamp);
        timing.lastLagMs = at - Number(stamp);
        timing.stamps++;
        first = false;
      }
      if (!first) return content(at);
      const json = JSON.parse(data);
      if (json.type === "text-delta" || json.choices?.[0]?.delta?.content) content(at);
      else if (json.type === "usage") timing.usageTokens = json.usage?.completionTokens;
      else if (json.type === "finish") terminal = true;
      else if (json.type === "error") throw new Error(`error event: ${json.code}: ${json.message}`);
    };

    readSseStream(url, body, {
      onEvents(complete, at) {
        for (const event of complete.split("\n\n")) {
          const data = dataOf(event);
          if (data !== undefined) onEvent(data, at);
        }
      },
      onEnd(error) {
        timing.totalMs = monotonicMs() - start;
        if (error) reject(error);
        else if (terminal) resolve(timing);
        else reject(new Error("the stream ended without a terminal event"));
      },
    });
  });
}

export interface SseStreamHandlers {
  /** Whole events only (the text up to the last blank line received), with the time they arrived; throwing stops the stream. */
  onEvents(complete: string, at: number): void;
  /** Called once: the stream ended, or failed (HTTP error, no data for 120 s, an onEvents throw). */
  onEnd(error?: Error): void;
}

/**
 * POSTs `body` as JSON on a fresh connection (`agent: false`, as a new visitor's would be) and
 * hands over the SSE response's complete events as they arrive. The benches' one SSE reader.
 */
export function readSseStream(url: string, body: unknown, handlers: SseStreamHandlers): void {
  let pending = "";
  let ended = false;
  const end = (error?: Error) => {
    if (ended) return;
    ended = true;
    handlers.onEnd(error);
  };
  const request = http.request(url, { method: "POST", agent: false, headers: { "Content-Type": "application/json" } });
  request.setTimeout(120_000, () => request.destroy(new Error("gave up after 120 s without data")));
  request.on("error", end);
  request.on("response", (response) => {
    response.on("error", end);
    response.setEncoding("utf8");
    if (response.statusCode !== 200) {
      let text = "";
      response.on("data", (part: string) => (text += part));
      response.on("end", () => end(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`)));
      return;
    }
    response.on("data", (part: string) => {
      const at = monotonicMs();
      pending += part;
      const last = pending.lastIndexOf("\n\n");
      if (last < 0) return;
      const complete = pending.slice(0, last);
      pending = pending.slice(last + 2);
      try {
        handlers.onEvents(complete, at);
      } catch (error) {
        request.destroy(error as Error);
      }
    });
    response.on("end", () => end());
  });
  request.end(JSON.stringify(body));
}

/** The data of one SSE event (its `data:` lines joined), or undefined for comments and empty events. */
function dataOf(event: string): string | undefined {
  if (event.startsWith("data: ") && !event.includes("\n")) return event.slice(6);
  const lines = event.split("\n").filter((line) => line.startsWith("data:"));
  return lines.length ? lines.map((line) => line.slice(line.startsWith("data: ") ? 6 : 5)).join("\n") : undefined;
}

/** Time to the whole response of a GET on a fresh connection. */
export function timeGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = monotonicMs();
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on("end", () => (response.statusCode === 200 ? resolve(monotonicMs() - start) : reject(new Error(`HTTP ${response.statusCode}`))));
      })
      .on("error", reject);
  });
}
