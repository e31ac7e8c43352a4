/**
 * A benchmark upstream in the OpenAI wire format. The request's `model` says what to send:
 * "stamp:<tokens>:<tokensPerSecond>" streams tokens whose text is " @<send time>" on the
 * machine's monotonic clock (so a client in any process can compute each token's latency),
 * "markdown:<tokens>:<tokensPerSecond>" streams a long markdown document ending in END_MARK.
 * tokensPerSecond 0 means as fast as it can. GET /api/health/live answers like the app's
 * liveness probe: a bare node server's floor to compare Next's with.
 */
import http from "node:http";
import { monotonicMs, wallMs } from "./clock";

export const END_MARK = " ⟦end⟧";
export const MARKDOWN_MODEL = "markdown:6000:200";
/** Every "<kind>:<tokens>:<tokensPerSecond>" the bench sections ask for. */
/** Compare mode's figure: six columns, each a 1,000-token markdown reply at 100 tokens/s. */
export const COMPARE_MODEL = "markdown:1000:100";
/** The math figure: the same length and rate, with 100 inline and 20 display formulas in it. */
export const MATH_MODEL = "math:6000:200";
/** A test run's reply (bench/test-run.ts): 100 markdown tokens at 100 tokens/s, so every reply takes a known second. */
export const TEST_RUN_MODEL = "markdown:100:100";
/** The same reply as fast as the upstream writes it: fills a 500-row grid in seconds, for the scroll figure. */
export const TEST_RUN_FAST_MODEL = "markdown:100:0";
export const BENCH_MODELS = [MARKDOWN_MODEL, COMPARE_MODEL, MATH_MODEL, TEST_RUN_MODEL, TEST_RUN_FAST_MODEL, "stamp:2000:0", "stamp:2000:100", "stamp:200:0", "stamp:200:100"];

export function markdownTokens(count: number): string[] {
  const section = (n: number) =>
    `## Section ${n}\n\nA paragraph with **bold**, _emphasis_ and \`inline code\` that explains step ${n} in plain words.\n\n` +
    `- first point about ${n}\n- second point\n  - nested detail\n\n1. ordered one\n2. ordered two\n\n` +
    `\`\`\`ts\nexport function step${n}(input: number): number {\n  return input * ${n} + 1;\n}\n\`\`\`\n\n` +
    `| name | value |\n| --- | --- |\n| alpha | ${n} |\n| beta | ${n * 2} |\n\n`;
  const tokens: string[] = [];
  for (let n = 1; tokens.length < count; n++) tokens.push(...(section(n).match(/\s*\S{1,4}|\s+/g) ?? []));
  return tokens.slice(0, count);
}

/**
 * A markdown reply with formulas spread through it: markdownTokens' sections, every third with a
 * sentence of three inline formulas (\\(…\\) and $…$) and every fifth with a display formula
 * (\\[…\\] or $$…$$), until `inline` and `display` are placed (6,000 tokens hold 114 sections). countFormulas says how many the first tokens hold.
 */
export function mathTokens(count: number, inline = 100, display = 20): string[] {
  const tokens: string[] = [];
  let [inlineLeft, displayLeft] = [inline, display];
  for (let n = 1; tokens.length < count; n++) {
    const sentence: string[] = [];
    for (let k = 0; n % 3 === 1 && k < 3 && inlineLeft > 0; k++, inlineLeft--) sentence.push(inlineLeft % 2 ? `$a_{${n}} = \\sqrt{${n + k}}$` : `\\(x_{${n}}^2 + \\frac{${k}}{2}\\)`);
    const math = sentence.length ? `The values ${sentence.join(", ")} follow from step ${n}.\n\n` : "";
    const shown = n % 5 === 1 && displayLeft-- > 0 ? (n % 4 ? `$$\n\\int_0^{${n}} x^2\\,dx = \\frac{${n ** 3}}{3}\n$$\n\n` : `\\[\n\\sum_{i=1}^{${n}} i = \\frac{${n}(${n}+1)}{2}\n\\]\n\n`) : "";
    const section = `## Section ${n}\n\n${math}${shown}A paragraph with **bold** and \`inline code\` on step ${n}, costing $5 and $10.\n\n\`\`\`ts\nexport const step${n} = (x: number) => x * ${n};\n\`\`\`\n\n`;
    tokens.push(...(section.match(/\s*\S{1,4}|\s+/g) ?? []));
  }
  return tokens.slice(0, count);
}

/** Inline and display formulas in a text made by mathTokens. */
export function countFormulas(text: string): { inline: number; display: number } {
  return { inline: (text.match(/\$a_\{|\\\(x_/g) ?? []).length, display: (text.match(/^\$\$$/gm) ?? []).length / 2 + (text.match(/^\\\[$/gm) ?? []).length };
}

// Chunks carry the fields real servers (OpenAI, vLLM, llama.cpp) send, so the route parses realistic bytes.
const chunk = (choices: string, usage = "") =>
  `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1764000000,"model":"bench","choices":[${choices}]${usage}}\n\n`;
const contentChunk = (text: string) => chunk(`{"index":0,"delta":{"content":${JSON.stringify(text)}},"finish_reason":null}`);
const ROLE_CHUNK = chunk(`{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}`);
const endChunks = (count: number) =>
  chunk(`{"index":0,"delta":{},"finish_reason":"stop"}`) +
  chunk("", `,"usage":{"prompt_tokens":8,"completion_tokens":${count},"total_tokens":${count + 8}}`) +
  "data: [DONE]\n\n";

/** `onMarkdownEnd` receives the wall-clock time the END_MARK token was written (the browser can only read wall time). */
export function createBenchUpstream(onMarkdownEnd: (sentAtWallMs: number) => void): http.Server {
  return http.createServer(async (req, res) => {
    let raw = "";
    for await (const part of req) raw += part;
    if (req.method === "GET" && req.url === "/api/health/live") {
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      return res.end(JSON.stringify({ ok: true }));
    }
    if (req.method === "GET") {
      // The playground asks for the model list (GET /models) when the page loads, and allows only
      // models listed here in a request: every stream shape the bench asks for.
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end(JSON.stringify({ object: "list", data: BENCH_MODELS.map((id) => ({ id, object: "model" })) }));
    }
    const [kind, countText, rateText] = String(JSON.parse(raw).model).split(":");
    const count = Number(countText);
    const rate = Number(rateText);
    const markdown = kind === "markdown" ? markdownTokens(count) : kind === "math" ? mathTokens(count) : [];
    const token = (i: number) => {
      if (!markdown.length) return contentChunk(` @${monotonicMs().toFixed(3)}`);
      if (i < count - 1) return contentChunk(markdown[i]);
      onMarkdownEnd(wallMs());
      return contentChunk(markdown[i] + END_MARK);
    };
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    res.write(ROLE_CHUNK);
    if (rate > 0) paced(res, count, rate, token);
    else await fullSpeed(res, count, token);
  });
}

/** One write per token, as fast as the socket takes them. */
async function fullSpeed(res: http.ServerResponse, count: number, token: (i: number) => string) {
  for (let i = 0; i < count; i++) {
    if (res.destroyed) return;
    if (!res.write(token(i))) await drainedOrClosed(res);
  }
  res.end(endChunks(count));
}

function drainedOrClosed(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

/**
 * Token i is due at start + i/rate. One timer per stream, re-armed for the next due token;
 * if the process falls behind, every token already due goes out in one write (as a real server's would).
 */
function paced(res: http.ServerResponse, count: number, rate: number, token: (i: number) => string) {
  const started = monotonicMs();
  let next = 0;
  const tick = () => {
    if (res.destroyed) return;
    const due = Math.min(count, Math.floor(((monotonicMs() - started) * rate) / 1000) + 1);
    let out = "";
    while (next < due) out += token(next++);
    if (next === count) return res.end(out + endChunks(count));
    res.write(out);
    setTimeout(tick, started + (next * 1000) / rate - monotonicMs());
  };
  tick();
}
