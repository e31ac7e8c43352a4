/** Reads one stream (direct upstream or /api/chat) and times its first and last token. */
import { iterate, parseSse } from "../lib/stream/sse";
import { now } from "./upstream";

export interface StreamTiming {
  /** Wall time from request start. */
  firstTokenMs: number;
  totalMs: number;
  /** For "stamp" streams: how long the first and last token took from upstream send to here. */
  firstTokenDelayMs: number;
  lastTokenDelayMs: number;
  tokens: number;
}

export async function timeStream(url: string, body: unknown, through: "direct" | "route"): Promise<StreamTiming> {
  const start = now();
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  let first = 0;
  let firstDelay = 0;
  let lastDelay = 0;
  let tokens = 0;
  let finished = false;
  for await (const message of iterate(parseSse(response.body))) {
    if (message.data === "[DONE]") {
      finished = true;
      break;
    }
    const json = JSON.parse(message.data);
    const text: string | undefined = through === "route" ? (json.type === "text-delta" ? json.text : undefined) : json.choices?.[0]?.delta?.content;
    if (through === "route" && json.type === "error") throw new Error(json.message);
    if (through === "route" && json.type === "finish") finished = true;
    if (!text) continue;
    const at = now();
    tokens++;
    const delay = at - Number(text);
    if (!first) {
      first = at - start;
      firstDelay = delay;
    }
    lastDelay = delay;
  }
  if (!finished) throw new Error("stream ended early");
  return { firstTokenMs: first, totalMs: now() - start, firstTokenDelayMs: firstDelay, lastTokenDelayMs: lastDelay, tokens };
}
