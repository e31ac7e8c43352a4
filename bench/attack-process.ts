/**
 * Child process: the abusive client of the `abuse` section. On "start" it runs, for every acting
 * route (POST /api/chat, /api/v1/chat/completions, /api/count-tokens, /api/shares, /api/access,
 * DELETE /api/shares/<id>), a few loops that post 1 MB bodies back to back, each on a fresh
 * connection: valid JSON and junk, each with a Content-Length and chunked without one. Loops of
 * their own per route: a slow route never holds back the attack on the others. On "stop" it cuts
 * off the requests in flight and answers "stopped" with what each route answered, by status.
 * Its own process, so that sending megabytes never slows the bench's victim client.
 */
import http from "node:http";
import { monotonicMs } from "./clock";

export const BODY_BYTES = 1_000_000;
/** A client gives up on one request after this long: a stuck request must not stall its loop forever. */
const REQUEST_TIMEOUT_MS = 60_000;
/** Chunked bodies go out in pieces of this size, with no Content-Length. */
const CHUNK_BYTES = 64 * 1024;
/** How many characters at the start of a JSON body's text change from one request to the next. */
const VARIED_CHARS = 32;

export interface AttackStart {
  type: "start";
  app: string;
  loopsPerRoute: number;
  /** An id for DELETE /api/shares/<id>. */
  shareId: string;
}

/** Per "<method path> <body kind> <framing>": what the server answered (status, or the client's error) and how long answers took. */
export type AttackCounts = Record<string, { outcomes: Record<string, number>; answerMs: number[] }>;

interface Attack {
  label: string;
  method: "POST" | "DELETE";
  path: string;
  body: Buffer;
  chunked: boolean;
  /** Where the body's text starts, and how it is written: each request changes its first characters, so no cache of a previous answer helps. */
  vary?: { at: number; kind: "cjk" | "ascii" };
}

const cjkEscape = (code: number) => `\\u${code.toString(16)}`;

/**
 * A JSON body of exactly BODY_BYTES: `template` with its one "@@" replaced by CJK characters written
 * as JSON \u escapes (6 body bytes per character). Its length-based lower bound (about 15/128 token
 * per character) fits the 32k window, so the route cannot refuse it from its length alone: it has to
 * tokenize it (on its worker pool). This is the expensive kind of 1 MB body.
 */
function cjkBody(template: string): Attack["body"] {
  const room = BODY_BYTES - (template.length - 2);
  let text = "";
  for (let i = 0; i < Math.floor(room / 6); i++) text += cjkEscape(0x4e00 + ((i * 7919) % 2000));
  return Buffer.from(template.replace("@@", text) + " ".repeat(room % 6));
}

/** A JSON body of exactly BODY_BYTES whose one string ("@@") is plain ASCII text. */
function asciiBody(template: string): Buffer {
  const room = BODY_BYTES - (template.length - 2);
  const words = "mixture of experts routes every token to two of eight expert networks ";
  return Buffer.from(template.replace("@@", words.repeat(Math.ceil(room / words.length)).slice(0, room)));
}

/** BODY_BYTES of printable junk that is not JSON. */
function junkBody(): Buffer {
  const junk = Buffer.alloc(BODY_BYTES);
  for (let i = 0; i < junk.length; i++) junk[i] = 0x21 + ((i * 31 + (i >> 7)) % 90);
  return junk;
}

/** Every route's attacks: [route label, its four attacks]. */
function attacksByRoute(shareId: string): Attack[][] {
  const routes: [label: string, method: "POST" | "DELETE", path: string, template: string, kind: "cjk" | "ascii"][] = [
    // Valid chat requests whose prompt cannot be refused from its length: tokenized, then refused as too long for the window.
    ["POST /api/chat", "POST", "/api/chat", `{"messages":[{"role":"user","content":"@@"}],"params":{"maxTokens":256}}`, "cjk"],
    ["POST /api/v1/chat/completions", "POST", "/api/v1/chat/completions", `{"messages":[{"role":"user","content":"@@"}],"max_tokens":256,"stream":true}`, "cjk"],
    // A count is answered (the text fits the body cap), after tokenizing the whole text.
    ["POST /api/count-tokens", "POST", "/api/count-tokens", `{"text":"@@"}`, "cjk"],
    // Within the body cap (2 × 512 KiB), over the snapshot limit.
    ["POST /api/shares", "POST", "/api/shares", `{"systemMessage":"","params":{},"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"@@"}]}`, "ascii"],
    ["POST /api/access", "POST", "/api/access", `{"code":"@@"}`, "ascii"],
    ["DELETE /api/shares/<id>", "DELETE", `/api/shares/${shareId}`, `{"revokeToken":"@@"}`, "ascii"],
  ];
  const junk = junkBody();
  return routes.map(([label, method, path, template, kind]) => {
    const json = kind === "cjk" ? cjkBody(template) : asciiBody(template);
    const vary = { at: template.indexOf("@@"), kind };
    return [
      { label: `${label} json length`, method, path, body: json, chunked: false, vary },
      { label: `${label} junk chunked`, method, path, body: junk, chunked: true },
      { label: `${label} json chunked`, method, path, body: json, chunked: true, vary },
      { label: `${label} junk length`, method, path, body: junk, chunked: false },
    ];
  });
}

/** The attack's body for one request: a copy whose first characters differ from every other request's. */
function bodyFor(attack: Attack): Buffer {
  if (!attack.vary) return attack.body;
  const body = Buffer.from(attack.body);
  const { at, kind } = attack.vary;
  for (let i = 0; i < VARIED_CHARS; i++) {
    if (kind === "cjk") body.write(cjkEscape(0x4e00 + Math.floor(Math.random() * 0x5000)), at + i * 6, "latin1");
    else body[at + i] = 0x61 + Math.floor(Math.random() * 26);
  }
  return body;
}

let running = false;
/** Requests in flight: cut off on "stop" (and not counted: they were never answered). */
const inFlight = new Set<http.ClientRequest>();
const CUT = "cut at stop";

/** One request on a fresh connection; resolves with the status, or the client's error code, never rejects. */
function send(app: string, attack: Attack): Promise<string> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: string) => {
      if (settled) return;
      settled = true;
      inFlight.delete(request);
      resolve(running ? outcome : CUT);
    };
    const body = bodyFor(attack);
    // Node sends a DELETE body unframed unless told: chunked framing is asked for explicitly.
    const headers: Record<string, string | number> = { "Content-Type": "application/json" };
    if (attack.chunked) headers["Transfer-Encoding"] = "chunked";
    else headers["Content-Length"] = body.length;
    const request = http.request(`${app}${attack.path}`, { method: attack.method, agent: false, headers });
    inFlight.add(request);
    request.setTimeout(REQUEST_TIMEOUT_MS, () => {
      settle("timeout");
      request.destroy();
    });
    request.on("error", (error: NodeJS.ErrnoException) => settle(error.code ?? error.message));
    // A request destroyed mid-response may end with neither "end" nor "error".
    request.on("close", () => settle("closed without an answer"));
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => settle(String(response.statusCode)));
      response.on("error", (error: NodeJS.ErrnoException) => settle(`${response.statusCode} then ${error.code ?? error.message}`));
    });
    if (!attack.chunked) return void request.end(body);
    // Chunked: written piece by piece as the socket takes them.
    let offset = 0;
    const writeMore = () => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + CHUNK_BYTES);
        offset += piece.length;
        if (!request.write(piece)) return void request.once("drain", writeMore);
      }
      request.end();
    };
    writeMore();
  });
}

let loops: Promise<void>[] = [];
const counts: AttackCounts = {};

process.on("message", (message: AttackStart | { type: "stop" }) => {
  if (message.type === "start") {
    running = true;
    loops = attacksByRoute(message.shareId).flatMap((attacks) =>
      Array.from({ length: message.loopsPerRoute }, async (_, loop) => {
        // The loops of one route start at different attacks: every kind of body is in flight at once.
        for (let i = loop; running; i++) {
          const attack = attacks[i % attacks.length];
          const start = monotonicMs();
          const outcome = await send(message.app, attack);
          if (outcome === CUT) break;
          const entry = (counts[attack.label] ??= { outcomes: {}, answerMs: [] });
          entry.outcomes[outcome] = (entry.outcomes[outcome] ?? 0) + 1;
          entry.answerMs.push(monotonicMs() - start);
        }
      }),
    );
    process.send?.({ type: "started" });
  } else if (message.type === "stop") {
    running = false;
    for (const request of inFlight) request.destroy();
    void Promise.all(loops).then(() => process.send?.({ type: "stopped", counts }));
  }
});
process.on("disconnect", () => process.exit(0));
