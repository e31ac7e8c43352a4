/**
 * View code for a saved prompt: a Node script (no dependencies) that loads the prompt's file, fills
 * its variables and calls an OpenAI-compatible chat-completions API, sending the body the playground
 * would send for it (lib/dialects/openai/request.ts; a unit test runs the script and compares).
 * The parameter names come from the one parameter table, so the script cannot drift from it.
 */
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM } from "../params";
import type { PromptVersion } from "../prompts/prompt";
import { baseUrlOf, type SnippetTarget } from "./targets";

export interface PromptFileSnippetOptions {
  promptId: string;
  promptName: string;
  fileName: string;
  version: PromptVersion;
  target: SnippetTarget;
  /** The model when the version names none. */
  model: string;
}

/** Our parameter keys → the API's field names, from the table. */
const FIELDS = Object.fromEntries([...NUMERIC_PARAMS, ...ADVANCED_NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM].map((p) => [p.key, p.upstream]));

export function promptFileSnippet(o: PromptFileSnippetOptions): string {
  const values = Object.fromEntries(o.version.variables.map((v) => [v.name, v.default ?? ""]));
  const auth = o.target.keyEnv ? `, Authorization: \`Bearer \${process.env.${o.target.keyEnv}}\`` : "";
  return `// Runs "${o.promptName.replaceAll("\n", " ")}" (version ${o.version.version}) from its file: node run-prompt.mjs
import { readFileSync } from "node:fs";

const file = JSON.parse(readFileSync(new URL(${JSON.stringify(`./${o.fileName}`)}, import.meta.url), "utf8"));
const prompt = file.prompts.find((p) => p.id === ${JSON.stringify(o.promptId)}) ?? file.prompts[0];
// This version; for a label: prompt.versions.find((v) => v.version === prompt.labels.production)
const version = prompt.versions.find((v) => v.version === ${o.version.version}) ?? prompt.versions.at(-1);
const values = ${JSON.stringify(values)};

// {{name}} takes its value (else its default) in the System Message and the user's turns; \\{{ is a literal {{.
const fill = (text) =>
  text.replace(/\\\\\\{\\{|\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}/g, (match, name) =>
    name === undefined ? "{{" : (values[name] || version.variables.find((v) => v.name === name)?.default || match));
// The playground's parameters under the API's names.
const FIELDS = ${JSON.stringify(FIELDS)};
const params = Object.fromEntries(
  Object.entries(version.params).filter(([key, value]) => key in FIELDS && !(Array.isArray(value) && !value.length)).map(([key, value]) => [FIELDS[key], value]),
);
const { tools, toolChoice, responseFormat } = version.options ?? {};
const body = {
  model: version.model ?? ${JSON.stringify(o.model)},
  messages: [
    ...(version.systemMessage.trim() ? [{ role: "system", content: fill(version.systemMessage) }] : []),
    ...version.messages.map((m) =>
      m.role === "tool"
        ? { role: "tool", tool_call_id: m.toolCallId, content: m.content }
        : m.toolCalls?.length
          ? { role: "assistant", content: m.content || null, tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) }
          : { role: m.role, content: m.role === "user" ? fill(m.content) : m.content },
    ),
  ],
  ...params,
  ...(tools?.length ? { tools: tools.map((t) => ({ type: "function", function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.parameters } })) } : {}),
  ...(toolChoice ? { tool_choice: typeof toolChoice === "object" ? { type: "function", function: { name: toolChoice.name } } : toolChoice } : {}),
  ...(responseFormat && responseFormat.type !== "text"
    ? { response_format: responseFormat.type === "json_object" ? { type: "json_object" } : { type: "json_schema", json_schema: { name: responseFormat.name ?? "reply", schema: responseFormat.schema, strict: true } } }
    : {}),
  stream: false,
};

const response = await fetch(${JSON.stringify(`${baseUrlOf(o.target, "openai")}/chat/completions`)}, {
  method: "POST",
  headers: { "Content-Type": "application/json"${auth} },
  body: JSON.stringify(body),
});
if (!response.ok) throw new Error(\`HTTP \${response.status}: \${await response.text()}\`);
console.log((await response.json()).choices[0].message.content);
`;
}
