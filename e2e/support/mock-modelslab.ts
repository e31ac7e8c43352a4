/**
 * A stand-in for ModelsLab's v7 API for e2e runs: speaks the real OpenAI-compatible wire
 * format (recorded shapes in lib/testing/openai-wire.ts), checks the Bearer key, and records
 * every request. Tests queue failures through POST /__control and read /__requests.
 */
import http from "node:http";
import { openAiStream } from "../../lib/testing/openai-wire";

const PORT = Number(process.env.MOCK_PORT ?? 3199);
const KEY = process.env.MOCK_EXPECTED_KEY ?? "";

export const MOCK_REPLY = [
  "## Quantum computing, simply\n\n",
  "A **qubit** can be 0, 1, ",
  "or a blend of both ",
  "until it is measured.\n\n",
  "- Superposition lets ",
  "many states be explored.\n",
  "- Entanglement links qubits.\n\n",
  "```python\n",
  "def measure(qubit):\n",
  "    return qubit.collapse()\n",
  "```\n\n",
  "That is the core idea.",
];

/** Queued for the next completion: an HTTP failure, a drop mid-stream, or a different reply. */
export const MODELS = ["mistralai-mixtral-8x7b-instruct", "meta-llama-3.1-8b-instruct", "qwen-qwen2.5-14b"];

type Failure = { status: number; body: string; headers?: Record<string, string> } | { dropAfter: number } | { reply: string[]; usage?: boolean };
let failures: Failure[] = [];
const requests: { headers: http.IncomingHttpHeaders; body: unknown }[] = [];

const server = http.createServer(async (req, res) => {
  let raw = "";
  for await (const chunk of req) raw += chunk;

  if (req.url === "/__control" && req.method === "POST") {
    failures.push(JSON.parse(raw) as Failure);
    return res.end("ok");
  }
  if (req.url === "/__reset") {
    failures = [];
    requests.length = 0;
    return res.end("ok");
  }
  if (req.url?.startsWith("/__attack?target=")) {
    // Another web site's page that tries to spend the playground's key through its visitor's browser:
    // a no-preflight fetch, then a text/plain form whose body happens to be valid JSON.
    const target = new URL(req.url, "http://x").searchParams.get("target")!;
    const body = JSON.stringify({ messages: [{ role: "user", content: "spend the key" }] });
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    return res.end(`<!doctype html><title>attack</title>
<form id="f" method="POST" enctype="text/plain" action="${target}/api/chat"><input type="hidden" name='${body.slice(0, -2)},"x":"' value='"}'></form>
<script>
fetch(${JSON.stringify(`${target}/api/chat`)}, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: ${JSON.stringify(body)} })
  .catch(() => {})
  .finally(() => document.getElementById("f").submit());
</script>`);
  }
  if (req.url === "/__requests") {
    res.setHeader("Content-Type", "application/json");
    return res.end(JSON.stringify(requests));
  }
  if (req.url === "/api/v7/llm/v1/models" && req.method === "GET") {
    if (req.headers.authorization !== `Bearer ${KEY}`) {
      res.writeHead(401, { "Content-Type": "application/json" });
      return res.end('{"error":{"message":"Invalid API key provided","type":"invalid_request_error"}}');
    }
    res.writeHead(200, { "Content-Type": "application/json" });
    return res.end(JSON.stringify({ object: "list", data: MODELS.map((id) => ({ id, object: "model", created: 1753142400, owned_by: "modelslab" })) }));
  }
  if (req.url !== "/api/v7/llm/chat/completions" || req.method !== "POST") {
    res.statusCode = 404;
    return res.end();
  }

  requests.push({ headers: req.headers, body: JSON.parse(raw) });
  if (req.headers.authorization !== `Bearer ${KEY}`) {
    res.writeHead(401, { "Content-Type": "application/json" });
    return res.end('{"error":{"message":"Invalid API key provided","type":"invalid_request_error"}}');
  }
  const failure = failures.shift();
  if (failure && "status" in failure) {
    res.writeHead(failure.status, { "Content-Type": "application/json", ...failure.headers });
    return res.end(failure.body);
  }

  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  const chunks = failure && "reply" in failure ? openAiStream(failure.reply, { usage: failure.usage ?? true }) : openAiStream(MOCK_REPLY);
  for (let i = 0; i < chunks.length; i++) {
    if (failure && "dropAfter" in failure && i === failure.dropAfter) {
      res.socket?.destroy();
      return;
    }
    if (res.destroyed) return;
    res.write(chunks[i]);
    await new Promise((r) => setTimeout(r, 60));
  }
  res.end();
});

server.listen(PORT, "127.0.0.1", () => console.log(`mock ModelsLab on ${PORT}`));
