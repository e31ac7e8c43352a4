/**
 * A stand-in for a server speaking Anthropic's Messages API, for e2e runs: answers
 * `POST /v1/messages` in that streaming wire format (event: …/data: …, hand-written from the
 * documented format like lib/testing/anthropic-wire.ts), paced so the reply visibly streams: a
 * text block, then a get_weather tool_use block whose input arrives as input_json_delta pieces.
 * Checks x-api-key and anthropic-version, records every request (GET /__requests).
 */
import http from "node:http";
import { replyEvents } from "./anthropic-reply";

const PORT = Number(process.env.MOCK_PORT ?? 3196);
const KEY = process.env.MOCK_EXPECTED_KEY ?? "";

const requests: { url: string; headers: http.IncomingHttpHeaders; body: unknown }[] = [];

const server = http.createServer(async (req, res) => {
  let raw = "";
  for await (const chunk of req) raw += chunk;

  if (req.url === "/__reset") {
    requests.length = 0;
    return res.end("ok");
  }
  if (req.url === "/__requests") {
    res.setHeader("Content-Type", "application/json");
    return res.end(JSON.stringify(requests));
  }
  const unauthorized = () => {
    res.writeHead(401, { "Content-Type": "application/json" });
    res.end('{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}');
  };
  if (req.url === "/v1/models" && req.method === "GET") {
    if (req.headers["x-api-key"] !== KEY) return unauthorized();
    res.writeHead(200, { "Content-Type": "application/json" });
    return res.end(JSON.stringify({ data: [{ type: "model", id: "mistralai-mixtral-8x7b-instruct", display_name: "Mixtral 8x7B Instruct" }], has_more: false }));
  }
  if (req.url !== "/v1/messages" || req.method !== "POST") {
    res.writeHead(404, { "Content-Type": "application/json" });
    return res.end('{"type":"error","error":{"type":"not_found_error","message":"Not found"}}');
  }

  requests.push({ url: req.url, headers: req.headers, body: JSON.parse(raw) });
  if (req.headers["x-api-key"] !== KEY) return unauthorized();
  if (req.headers["anthropic-version"] !== "2023-06-01") {
    res.writeHead(400, { "Content-Type": "application/json" });
    return res.end('{"type":"error","error":{"type":"invalid_request_error","message":"anthropic-version: header is required"}}');
  }

  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  for (const event of replyEvents()) {
    if (res.destroyed) return;
    res.write(event);
    await new Promise((r) => setTimeout(r, 80));
  }
  res.end();
});

server.listen(PORT, "127.0.0.1", () => console.log(`mock Anthropic-compatible server on ${PORT}`));
