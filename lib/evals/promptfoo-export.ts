/**
 * The whole test set-up as a promptfoo config (promptfooconfig.yaml), so it can run in CI with
 * `npx promptfoo eval`: each column becomes a prompt (its chat messages as JSON, variables as
 * nunjucks `{{ name }}`) and a provider (`openai:chat:<model>` pointed at this server's
 * OpenAI-compatible API, with the column's settings under OpenAI's names), each test row a test
 * with its `vars`, and the checks `defaultTest.assert`. docs/evals.md has the mapping and what
 * promptfoo does differently (the warnings say so for the rows and settings they concern).
 *
 * Written against promptfoo's config schema (site/static/config-schema.json, from its zod schema
 * in src/types and src/validators) and its OpenAI provider (src/providers/openai/types.ts,
 * chat.ts) as of promptfoo 0.123.1; the unit test checks the YAML against a transcription.
 */
import { stringify } from "yaml";
import type { ChatRequest } from "../chat/request";
import { openAiChatBody } from "../dialects/openai/request";
import type { VariableSpec } from "../prompts/prompt";
import type { Check, TestSet } from "../prompts/prompt-file-test-set";
import { variableNames } from "../prompts/variables";
import { describeCheck } from "./checks";
import { NUNJUCKS_RESERVED, escapeNunjucks, hasNunjucksSyntax, toNunjucks } from "./nunjucks-template";
import { rowValuesFor } from "./test-set";

export interface PromptfooColumn {
  label: string;
  /** The request with its `{{variables}}` not filled: a saved version's content, or a compare column's settings. */
  request: ChatRequest;
  /** The model id this server serves it with. */
  model: string;
  /** The column's variables' settings (defaults fill empty values, as a run does). */
  variables?: readonly VariableSpec[];
}

export interface PromptfooServer {
  /** The origin the page sees (location.origin): a path base URL is made absolute with it. */
  origin: string;
  /** This server's OpenAI-compatible API: "/api/v1", or PUBLIC_API_BASE_URL when it is set. */
  baseUrl: string;
  /** The environment variable the access key is read from (View code's, PLAYGROUND_API_KEY), or null when the server needs none. */
  keyEnv: string | null;
}

export interface PromptfooExportInput {
  description?: string;
  columns: readonly PromptfooColumn[];
  testSet: TestSet;
  server: PromptfooServer;
  /** The upstream's concurrentStreams: promptfoo runs no more at once. */
  concurrency?: number;
  now?: Date;
}

/** The key variable when the server takes none: promptfoo then reads no key at all (and never sends an OpenAI key here). */
const UNUSED_KEY_ENV = "PLAYGROUND_API_KEY";

/** Fields of OpenAI's body that promptfoo's OpenAI provider takes under the same name in `config`. */
const CONFIG_FIELDS = ["temperature", "max_tokens", "top_p", "frequency_penalty", "presence_penalty", "seed", "stop", "tools", "tool_choice", "response_format"];
/** Fields of the body that are not part of the request promptfoo builds: left out. */
const BODY_ONLY = ["model", "messages", "stream", "stream_options"];

/** A ```json fence around the whole reply is taken off before is-json, as the playground's JSON check reads it (lib/json/check-reply.ts). */
const STRIP_JSON_FENCE = "(m => m ? m[1] : output)(/^\\s*```(?:json)?\\s*\\n([\\s\\S]*?)\\n?```\\s*$/i.exec(String(output)))";

export interface PromptfooAssertion {
  type: string;
  value?: unknown;
  transform?: string;
  metric?: string;
}

/** One check as a promptfoo assertion with the same meaning. String values are escaped: promptfoo renders them with nunjucks. */
export function checkAssertion(check: Check): PromptfooAssertion {
  // promptfoo renders a metric's name as a template too: a name with template syntax in it is the check's id instead.
  const description = describeCheck(check);
  const metric = hasNunjucksSyntax(description) ? check.id : description;
  switch (check.kind) {
    case "contains":
      return { type: check.caseSensitive ? "contains" : "icontains", value: escapeNunjucks(check.text), metric };
    case "not-contains":
      return { type: check.caseSensitive ? "not-contains" : "not-icontains", value: escapeNunjucks(check.text), metric };
    case "regex":
      // promptfoo's regex takes no flags; with flags the same test is written in JavaScript.
      return check.flags
        ? { type: "javascript", value: escapeNunjucks(`new RegExp(${JSON.stringify(check.pattern)}, ${JSON.stringify(check.flags)}).test(String(output))`), metric }
        : { type: "regex", value: escapeNunjucks(check.pattern), metric };
    case "equals":
      return check.caseSensitive
        ? { type: "equals", value: escapeNunjucks(check.text.trim()), transform: "String(output).trim()", metric }
        : { type: "equals", value: escapeNunjucks(check.text.trim().toLowerCase()), transform: "String(output).trim().toLowerCase()", metric };
    case "json-valid":
      return { type: "is-json", transform: STRIP_JSON_FENCE, metric };
    case "json-schema":
      // An object value is passed as it is (promptfoo renders only string values).
      return { type: "is-json", value: check.schema, transform: STRIP_JSON_FENCE, metric };
    case "length":
      return { type: "javascript", value: bounded("[...String(output).trim()].length", check), metric };
    case "tokens":
      return { type: "javascript", value: bounded("context.providerResponse?.tokenUsage?.completion", check), metric };
  }
}

/** `((n) => n !== undefined && 10 <= n && n <= 300)(expression)`: fails without a count, as the playground's check does. */
function bounded(expression: string, { min, max }: { min?: number; max?: number }): string {
  const tests = ["n !== undefined", ...(min !== undefined ? [`n >= ${min}`] : []), ...(max !== undefined ? [`n <= ${max}`] : [])];
  return `((n) => ${tests.join(" && ")})(${expression})`;
}

/** `label`, or `label (2)`… whichever is free: promptfoo tells prompts and providers apart by label. */
function uniqueLabels(labels: readonly string[]): string[] {
  const taken = new Set<string>();
  return labels.map((label) => {
    let name = label.trim() || "Column";
    for (let n = 2; taken.has(name); n++) name = `${label.trim() || "Column"} (${n})`;
    taken.add(name);
    return name;
  });
}

export interface PromptfooConfig {
  description: string;
  prompts: { label: string; raw: string }[];
  providers: { id: string; label: string; prompts?: string[]; config: Record<string, unknown> }[];
  defaultTest?: { assert: PromptfooAssertion[] };
  tests: { description: string; vars: Record<string, string> }[];
  evaluateOptions?: { maxConcurrency?: number; cache?: boolean };
}

export interface PromptfooExport {
  config: PromptfooConfig;
  yaml: string;
  /** What promptfoo will do differently from the playground for this set-up, one line each. */
  warnings: string[];
}

export function promptfooExport(input: PromptfooExportInput): PromptfooExport {
  const warnings: string[] = [];
  const { testSet } = input;

  // Variable names nunjucks cannot look up (`true`, `none`…) get another name in prompts and tests alike.
  const allNames = new Set([...testSet.columns, ...input.columns.flatMap((c) => requestVariables(c.request))]);
  const rename = new Map<string, string>();
  for (const name of allNames) {
    if (!NUNJUCKS_RESERVED.has(name)) continue;
    let renamed = `${name}_`;
    while (allNames.has(renamed) || [...rename.values()].includes(renamed)) renamed += "_";
    rename.set(name, renamed);
    warnings.push(`The variable "${name}" is a word nunjucks reserves; it is "${renamed}" in the promptfoo config.`);
  }
  const exported = (name: string) => rename.get(name) ?? name;

  const labels = uniqueLabels(input.columns.map((c) => c.label));
  const prompts: PromptfooConfig["prompts"] = [];
  const providers: PromptfooConfig["providers"] = [];
  const apiBaseUrl = new URL(input.server.baseUrl, input.server.origin).href.replace(/\/+$/, "");
  input.columns.forEach((column, i) => {
    const body = openAiChatBody(column.request, column.model, false);
    const raw = JSON.stringify(promptMessages(body.messages as Record<string, unknown>[], rename), null, 2);
    // Columns with the same prompt (compare mode's settings) share one.
    let prompt = prompts.find((p) => p.raw === raw);
    if (!prompt) prompts.push((prompt = { label: labels[i], raw }));
    const config: Record<string, unknown> = { apiBaseUrl, apiKeyEnvar: input.server.keyEnv ?? UNUSED_KEY_ENV, ...(input.server.keyEnv ? {} : { apiKeyRequired: false }) };
    const passthrough: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(body)) {
      if (BODY_ONLY.includes(field)) continue;
      if (CONFIG_FIELDS.includes(field)) config[field] = value;
      else passthrough[field] = value;
    }
    if (Object.keys(passthrough).length) config.passthrough = passthrough;
    for (const field of ["tools", "response_format"] as const) {
      if (config[field] !== undefined && hasNunjucksSyntax(JSON.stringify(config[field]))) {
        warnings.push(`${labels[i]}: promptfoo renders ${field === "tools" ? "the functions" : "the response format"} as a template, so the "{{", "{%", "{#" or "#}" in it will not reach the model as written.`);
      }
    }
    providers.push({ id: `openai:chat:${column.model}`, label: labels[i], prompts: [prompt.label], config });
  });
  // With one prompt every provider runs it: the mapping would only repeat that.
  if (prompts.length === 1) for (const provider of providers) delete provider.prompts;

  // Row faults are gathered per kind and variable, so 5,000 rows make a few lines, not thousands.
  const rowFaults = new Map<string, number[]>();
  const fault = (message: string, row: number) => rowFaults.set(message, [...(rowFaults.get(message) ?? []), row]);
  const tests = testSet.rows.map((row, r) => {
    const vars: Record<string, string> = {};
    const missing = new Set<string>();
    for (const column of input.columns) {
      const filled = rowValuesFor(row, requestVariables(column.request), column.variables ?? []);
      if (filled.ok) for (const [name, value] of Object.entries(filled.values)) vars[exported(name)] = value;
      else for (const name of filled.missing) missing.add(name);
    }
    for (const column of testSet.columns) if (!(exported(column) in vars) && Object.hasOwn(row.values, column)) vars[exported(column)] = row.values[column];
    for (const name of missing) if (!(exported(name) in vars)) fault(`"${name}" has no value and no default; the playground does not run such a row, promptfoo fills it with nothing.`, r + 1);
    for (const [name, value] of Object.entries(vars)) {
      if (/^(file|package):/.test(value)) fault(`"${name}": promptfoo loads a value starting with "file:" or "package:" from that file or package instead of sending it as text.`, r + 1);
      if (/\{\{\s*\w+\s*\}\}/.test(value)) fault(`"${name}": promptfoo replaces a {{name}} inside a value with that variable's value.`, r + 1);
      if (value.endsWith("\n")) fault(`"${name}": promptfoo drops the line break a value ends with.`, r + 1);
    }
    return { description: `Row ${r + 1}`, vars: Object.fromEntries(Object.entries(vars).sort(([a], [b]) => a.localeCompare(b))) };
  });
  for (const [message, rows] of rowFaults) warnings.push(`${rowList(rows)}, ${message}`);

  const assert = testSet.checks.map(checkAssertion);
  const hasTokenCheck = testSet.checks.some((c) => c.kind === "tokens");
  if (testSet.checks.some((c) => c.kind === "json-schema")) warnings.push("promptfoo validates JSON schemas with Ajv (draft-07 by default); the playground uses draft 2020-12.");
  const evaluateOptions = {
    ...(input.concurrency ? { maxConcurrency: input.concurrency } : {}),
    // promptfoo's cache keeps no completion-token count, which the token checks read.
    ...(hasTokenCheck ? { cache: false } : {}),
  };
  const config: PromptfooConfig = {
    description: input.description?.trim() || "Test cases from the Mixtral playground",
    prompts,
    providers,
    ...(assert.length ? { defaultTest: { assert } } : {}),
    tests,
    ...(Object.keys(evaluateOptions).length ? { evaluateOptions } : {}),
  };

  const header = [
    `promptfoo config written by the Mixtral playground${input.now ? ` on ${input.now.toISOString()}` : ""}.`,
    input.server.keyEnv ? `Run: ${input.server.keyEnv}=<your access key> npx promptfoo@latest eval -c <this file>` : "Run: npx promptfoo@latest eval -c <this file>",
    "yaml-language-server: $schema=https://promptfoo.dev/config-schema.json",
  ];
  const yaml = `${header.map((line) => `# ${line}`).join("\n")}\n${stringify(config, { lineWidth: 0, aliasDuplicateObjects: false })}`;
  return { config, yaml, warnings };
}

/** "Row 3", "Rows 3, 7 and 12", "Rows 3, 7, 12, 15, 20 and 41 more". */
function rowList(rows: readonly number[]): string {
  if (rows.length === 1) return `Row ${rows[0]}`;
  const shown = rows.slice(0, 5);
  const more = rows.length - shown.length;
  return more ? `Rows ${shown.join(", ")} and ${more.toLocaleString("en-US")} more` : `Rows ${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** The variables a request's texts use (the System Message and the user's turns, as fillRequest fills). */
function requestVariables(request: ChatRequest): string[] {
  return variableNames([request.systemMessage, ...request.messages.filter((m) => m.role === "user").map((m) => m.content)]);
}

/** OpenAI's messages with the system and user texts as nunjucks templates, everything else escaped as literal text. */
function promptMessages(messages: readonly Record<string, unknown>[], rename: ReadonlyMap<string, string>): Record<string, unknown>[] {
  return messages.map((message) => {
    const templated = message.role === "system" || message.role === "user";
    return escapeStrings(message, (text) => (templated ? toNunjucks(text, rename) : escapeNunjucks(text)));
  });
}

/** Every string in a JSON value, mapped (promptfoo renders each string of a JSON prompt). */
function escapeStrings(value: unknown, map: (text: string) => string): Record<string, unknown> {
  const walk = (v: unknown): unknown =>
    typeof v === "string" ? map(v) : Array.isArray(v) ? v.map(walk) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v;
  return walk(value) as Record<string, unknown>;
}
