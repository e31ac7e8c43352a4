/**
 * A benchmark upstream in the OpenAI wire format. The request's `model` says what to send:
 * "stamp:<tokens>:<tokensPerSecond>" streams tokens whose text is the send time (so a client
 * can compute each token's latency), "markdown:<tokens>:<tokensPerSecond>" streams a long
 * markdown document. tokensPerSecond 0 means as fast as it can.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sseData } from "../lib/testing/openai-wire";

export const now = () => performance.timeOrigin + performance.now();

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

export const END_MARK = " ⟦end⟧";

export async function startBenchUpstream(): Promise<{ url: string; lastEndSentAt: () => number; close(): Promise<void> }> {
  let endSentAt = 0;
  const server = http.createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    if (req.method === "GET") {
      // The playground asks for the model list (GET /models) when the page loads.
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end(JSON.stringify({ object: "list", data: [{ id: "markdown:6000:200", object: "model" }] }));
    }
    const [kind, countText, rateText] = String(JSON.parse(raw).model).split(":");
    const count = Number(countText);
    const rate = Number(rateText);
    const markdown = kind === "markdown" ? markdownTokens(count) : [];
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    const started = now();
    let closed = false;
    res.on("close", () => (closed = true));
    for (let i = 0; i < count && !closed; i++) {
      if (rate > 0) {
        const wait = started + (i * 1000) / rate - now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const last = i === count - 1;
      const text = kind === "markdown" ? markdown[i] + (last ? END_MARK : "") : ` ${now().toFixed(3)}`;
      if (last) endSentAt = now();
      const ok = res.write(sseData({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] }));
      if (!ok) await new Promise((r) => res.once("drain", r));
    }
    res.end(sseData({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }) + "data: [DONE]\n\n");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lastEndSentAt: () => endSentAt,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
