/**
 * Ready-to-run snippets (HTTP in four languages, the official SDKs, Claude Code) for both API dialects, built from the same request
 * body the playground sends (lib/dialects/<dialect>/request.ts). The key is never in a snippet: each
 * one reads it from an environment variable named by the target.
 */
import { anthropicMessagesBody } from "../dialects/anthropic/request";
import { openAiChatBody } from "../dialects/openai/request";
import type { ChatRequest } from "../chat/request";
import { MODEL } from "../model/facts";
import { pythonLiteral } from "./python-literal";
import { baseUrlOf, endpointOf, type Dialect, type SnippetTarget } from "./targets";

export type Language = "curl" | "python" | "javascript" | "php" | "node-sdk" | "python-sdk" | "claude-code";

export const LANGUAGES: { id: Language; label: string }[] = [
  { id: "curl", label: "cURL" },
  { id: "python", label: "Python" },
  { id: "javascript", label: "JavaScript" },
  { id: "php", label: "PHP" },
  { id: "node-sdk", label: "Node SDK" },
  { id: "python-sdk", label: "Python SDK" },
  { id: "claude-code", label: "Claude Code" },
];

export interface SnippetOptions {
  request: ChatRequest;
  model: string;
  dialect: Dialect;
  stream: boolean;
  target: SnippetTarget;
}

export function snippetBody({ request, model, dialect, stream }: SnippetOptions): Record<string, unknown> {
  return dialect === "openai" ? openAiChatBody(request, model, stream) : anthropicMessagesBody(request, model, stream);
}

interface Header {
  name: string;
  /** `prefix` + the key (when `key`), else a fixed value. */
  prefix: string;
  key: boolean;
}

function headersOf({ dialect, target }: SnippetOptions): Header[] {
  const headers: Header[] = [{ name: "Content-Type", prefix: "application/json", key: false }];
  if (target.keyEnv) {
    headers.push(dialect === "openai" ? { name: "Authorization", prefix: "Bearer ", key: true } : { name: "x-api-key", prefix: "", key: true });
  }
  if (dialect === "anthropic") headers.push({ name: "anthropic-version", prefix: "2023-06-01", key: false });
  return headers;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

function curl(o: SnippetOptions): string {
  const lines = [`curl ${endpointOf(o.target, o.dialect)}`];
  if (o.stream) lines.push("  --no-buffer");
  for (const h of headersOf(o)) lines.push(`  -H "${h.name}: ${h.prefix}${h.key ? `$${o.target.keyEnv}` : ""}"`);
  lines.push("  --data @- <<'JSON'");
  return `${lines.join(" \\\n")}\n${json(snippetBody(o))}\nJSON\n`;
}

function python(o: SnippetOptions): string {
  const headers = headersOf(o)
    .map((h) => `        "${h.name}": ${h.key ? `"${h.prefix}" + os.environ["${o.target.keyEnv}"]` : `"${h.prefix}"`},`)
    .join("\n");
  const imports = [...(o.stream ? ["import json"] : []), ...(o.target.keyEnv ? ["import os"] : [])];
  const read = !o.stream
    ? o.dialect === "openai"
      ? `print(response.json()["choices"][0]["message"]["content"])`
      : `print(response.json()["content"][0]["text"])`
    : [
        "response.encoding = \"utf-8\"  # text/event-stream often comes without a charset",
        "for line in response.iter_lines(decode_unicode=True):",
        '    if not line.startswith("data: ") or line == "data: [DONE]":',
        "        continue",
        '    event = json.loads(line[len("data: "):])',
        ...(o.dialect === "openai"
          ? ['    for choice in event.get("choices") or []:', '        print(choice["delta"].get("content") or "", end="", flush=True)']
          : [
              '    if event.get("type") == "content_block_delta" and event["delta"].get("type") == "text_delta":',
              '        print(event["delta"]["text"], end="", flush=True)',
            ]),
        "print()",
      ].join("\n");
  return `${imports.length ? `${imports.join("\n")}\n\n` : ""}import requests

payload = ${pythonLiteral(snippetBody(o))}

response = requests.post(
    "${endpointOf(o.target, o.dialect)}",
    headers={
${headers}
    },
    json=payload,${o.stream ? "\n    stream=True," : ""}
    timeout=300,
)
response.raise_for_status()
${read}
`;
}

function javascript(o: SnippetOptions): string {
  const headers = headersOf(o)
    .map((h) => `    ${/^[a-z]+$/i.test(h.name) ? h.name : JSON.stringify(h.name)}: ${h.key ? `\`${h.prefix}\${process.env.${o.target.keyEnv}}\`` : JSON.stringify(h.prefix)},`)
    .join("\n");
  const text = o.dialect === "openai" ? "event.choices?.[0]?.delta?.content ?? \"\"" : 'event.type === "content_block_delta" ? (event.delta.text ?? "") : ""';
  const read = !o.stream
    ? `const data = await response.json();\nconsole.log(${o.dialect === "openai" ? "data.choices[0].message.content" : "data.content[0].text"});`
    : `// Server-sent events: one "data: {json}" line per event.
const decoder = new TextDecoder();
let buffer = "";
for await (const chunk of response.body) {
  buffer += decoder.decode(chunk, { stream: true });
  const lines = buffer.split("\\n");
  buffer = lines.pop();
  for (const line of lines) {
    if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
    const event = JSON.parse(line.slice("data: ".length));
    process.stdout.write(${text});
  }
}
process.stdout.write("\\n");`;
  return `// Node.js 18+ (save as .mjs)
const payload = ${json(snippetBody(o))};

const response = await fetch("${endpointOf(o.target, o.dialect)}", {
  method: "POST",
  headers: {
${headers}
  },
  body: JSON.stringify(payload),
});
if (!response.ok) throw new Error(\`HTTP \${response.status}: \${await response.text()}\`);
${read}
`;
}

function php(o: SnippetOptions): string {
  const headers = headersOf(o)
    .map((h) => `        '${h.name}: ${h.prefix}'${h.key ? ` . getenv('${o.target.keyEnv}')` : ""},`)
    .join("\n");
  const text = o.dialect === "openai" ? "$event['choices'][0]['delta']['content'] ?? ''" : "$event['delta']['text'] ?? ''";
  const read = !o.stream
    ? `curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
$response = curl_exec($ch);
if ($response === false) {
    fwrite(STDERR, curl_error($ch) . PHP_EOL);
    exit(1);
}
$data = json_decode($response, true);
echo ${o.dialect === "openai" ? "$data['choices'][0]['message']['content']" : "$data['content'][0]['text']"} . PHP_EOL;`
    : `// Server-sent events: print each text delta as it arrives.
$buffer = '';
curl_setopt($ch, CURLOPT_WRITEFUNCTION, function ($ch, $chunk) use (&$buffer) {
    $buffer .= $chunk;
    while (($pos = strpos($buffer, "\\n")) !== false) {
        $line = trim(substr($buffer, 0, $pos));
        $buffer = substr($buffer, $pos + 1);
        if (strpos($line, 'data: ') !== 0 || $line === 'data: [DONE]') {
            continue;
        }
        $event = json_decode(substr($line, 6), true);
        echo ${text};
    }
    return strlen($chunk);
});
curl_exec($ch);
echo PHP_EOL;`;
  return `<?php
$payload = <<<'JSON'
${json(snippetBody(o))}
JSON;

$ch = curl_init('${endpointOf(o.target, o.dialect)}');
curl_setopt($ch, CURLOPT_POST, true);
curl_setopt($ch, CURLOPT_HTTPHEADER, [
${headers}
]);
curl_setopt($ch, CURLOPT_POSTFIELDS, $payload);
${read}
`;
}

/**
 * The official SDKs (openai, @anthropic-ai/sdk) take the same body as the HTTP API, so the SDK
 * snippets pass the very payload the others send; the SDK adds the path and the headers.
 */
function nodeSdk(o: SnippetOptions): string {
  const openai = o.dialect === "openai";
  const key = o.target.keyEnv ? `process.env.${o.target.keyEnv}` : '"not-needed"';
  const call = openai ? "client.chat.completions.create(payload)" : "client.messages.create(payload)";
  // String.raw: the snippet's own "\n" escapes must reach the file as written.
  const newline = String.raw`process.stdout.write("\n");`;
  const read = !o.stream
    ? `console.log(${openai ? "reply.choices[0].message.content" : "reply.content[0].text"});`
    : openai
      ? [`for await (const chunk of reply) process.stdout.write(chunk.choices[0]?.delta?.content ?? "");`, newline].join("\n")
      : [
          "for await (const event of reply) {",
          `  if (event.type === "content_block_delta" && event.delta.type === "text_delta") process.stdout.write(event.delta.text);`,
          "}",
          newline,
        ].join("\n");
  return `// npm install ${openai ? "openai" : "@anthropic-ai/sdk"}   (Node.js 18+, save as .mjs)
import ${openai ? "OpenAI" : "Anthropic"} from "${openai ? "openai" : "@anthropic-ai/sdk"}";

const client = new ${openai ? "OpenAI" : "Anthropic"}({ baseURL: "${baseUrlOf(o.target, o.dialect)}", apiKey: ${key} });

const payload = ${json(snippetBody(o))};

const reply = await ${call};
${read}
`;
}

function pythonSdk(o: SnippetOptions): string {
  const openai = o.dialect === "openai";
  const key = o.target.keyEnv ? `os.environ["${o.target.keyEnv}"]` : '"not-needed"';
  const read = !o.stream
    ? `print(${openai ? "reply.choices[0].message.content" : "reply.content[0].text"})`
    : openai
      ? 'for chunk in reply:\n    if chunk.choices:\n        print(chunk.choices[0].delta.content or "", end="", flush=True)\nprint()'
      : 'for event in reply:\n    if event.type == "content_block_delta" and event.delta.type == "text_delta":\n        print(event.delta.text, end="", flush=True)\nprint()';
  return `# pip install ${openai ? "openai" : "anthropic"}
${o.target.keyEnv ? "import os\n\n" : ""}${openai ? "from openai import OpenAI" : "import anthropic"}

client = ${openai ? "OpenAI" : "anthropic.Anthropic"}(base_url="${baseUrlOf(o.target, o.dialect)}", api_key=${key})

payload = ${pythonLiteral(snippetBody(o))}

reply = client.${openai ? "chat.completions" : "messages"}.create(**payload)
${read}
`;
}

const MODEL_CONTEXT_WINDOW = MODEL.contextWindow;

/** A shell word that is exactly `text`: single quotes, each ' written as '\''. */
const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * Claude Code pointed at the target's Anthropic-compatible API (whatever dialect is picked: it
 * speaks only that one), with the variables that make it use this model, then the last prompt.
 */
function claudeCode(o: SnippetOptions): string {
  if (!o.target.dialects.includes("anthropic")) return "# Claude Code needs an Anthropic-compatible API, and this target serves only the OpenAI-compatible one.\n";
  const key = o.target.keyEnv ? `"$${o.target.keyEnv}"` : "not-needed";
  const prompt = o.request.messages.findLast((m) => m.role === "user")?.content ?? "Say hi";
  return `# npm install -g @anthropic-ai/claude-code   (Claude Code speaks the Anthropic-compatible API)
export ANTHROPIC_BASE_URL=${shellQuote(baseUrlOf(o.target, "anthropic"))}
export ANTHROPIC_AUTH_TOKEN=${key}
# Without these, Claude Code asks for its own models by name.
export ANTHROPIC_MODEL=${shellQuote(o.model)}
export ANTHROPIC_SMALL_FAST_MODEL=${shellQuote(o.model)}
# The model's context window, so Claude Code compacts the conversation in time.
export CLAUDE_CODE_AUTO_COMPACT_WINDOW=${o.target.contextWindow ?? MODEL_CONTEXT_WINDOW}
claude -p ${shellQuote(prompt)}
`;
}

const GENERATORS: Record<Language, (o: SnippetOptions) => string> = { curl, python, javascript, php, "node-sdk": nodeSdk, "python-sdk": pythonSdk, "claude-code": claudeCode };

export const generateSnippet = (language: Language, options: SnippetOptions) => GENERATORS[language](options);
