import { Validator, type Schema } from "@cfworker/json-schema";
import nunjucks from "nunjucks";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ChatRequest } from "../chat/request";
import { openAiChatBody } from "../dialects/openai/request";
import { DEFAULT_PARAMS } from "../params";
import { fillRequest } from "../prompts/fill-request";
import type { Check, TestSet } from "../prompts/prompt-file-test-set";
import { runChecks } from "./checks";
import { escapeNunjucks, NUNJUCKS_RESERVED, toNunjucks } from "./nunjucks-template";
import { checkAssertion, promptfooExport, type PromptfooExportInput } from "./promptfoo-export";

/**
 * promptfoo's config, transcribed for the fields this export writes: strict objects, so a field
 * promptfoo does not know fails the test. Source: promptfoo/promptfoo site/static/config-schema.json
 * at 002b8d03c70e43146eb88f82ede26ad0a0a5bd18 (generated from src/types/index.ts TestSuiteConfigSchema,
 * src/validators/prompts.ts, src/validators/providers.ts ProviderOptionsSchema, src/types AssertionSchema),
 * and the OpenAI provider's options in src/providers/openai/types.ts (OpenAiSharedOptions,
 * OpenAiCompletionOptions) and chat.ts (apiKeyRequired, passthrough) of promptfoo 0.123.1.
 */
const BASE_ASSERTION_TYPES = [
  "answer-relevance", "bleu", "classifier", "contains", "contains-all", "contains-any", "contains-html", "contains-json", "contains-sql", "contains-xml",
  "context-faithfulness", "context-recall", "context-relevance", "conversation-relevance", "cost", "equals", "factuality", "finish-reason", "g-eval", "gleu",
  "guardrails", "icontains", "icontains-all", "icontains-any", "is-html", "is-json", "is-refusal", "is-sql", "is-valid-function-call",
  "is-valid-openai-function-call", "is-valid-openai-tools-call", "is-xml", "javascript", "latency", "levenshtein", "llm-rubric", "pi", "meteor",
  "model-graded-closedqa", "model-graded-factuality", "moderation", "perplexity", "perplexity-score", "python", "regex", "rouge-n", "ruby", "similar",
  "starts-with", "webhook", "word-count",
] as const;
const AssertionType = z.union([z.enum(BASE_ASSERTION_TYPES), z.enum(BASE_ASSERTION_TYPES.map((t) => `not-${t}`) as [string, ...string[]])]);
const Assertion = z.strictObject({
  type: AssertionType,
  value: z.unknown().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  threshold: z.number().optional(),
  weight: z.number().optional(),
  metric: z.string().optional(),
  transform: z.string().optional(),
});
const OpenAiConfig = z.strictObject({
  apiKey: z.string().optional(),
  apiKeyEnvar: z.string().optional(),
  apiKeyRequired: z.boolean().optional(),
  apiBaseUrl: z.string().url().optional(),
  temperature: z.number().optional(),
  max_tokens: z.number().int().optional(),
  top_p: z.number().optional(),
  frequency_penalty: z.number().optional(),
  presence_penalty: z.number().optional(),
  seed: z.number().int().optional(),
  stop: z.array(z.string()).optional(),
  tools: z.array(z.strictObject({ type: z.literal("function"), function: z.object({ name: z.string(), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()) }) })).optional(),
  tool_choice: z.union([z.enum(["none", "auto", "required"]), z.object({ type: z.literal("function"), function: z.object({ name: z.string() }) })]).optional(),
  response_format: z.union([z.object({ type: z.literal("json_object") }), z.object({ type: z.literal("json_schema"), json_schema: z.object({ name: z.string(), strict: z.boolean(), schema: z.record(z.string(), z.unknown()) }) })]).optional(),
  passthrough: z.record(z.string(), z.unknown()).optional(),
});
const PromptfooConfigSchema = z.strictObject({
  description: z.string().optional(),
  prompts: z.array(z.strictObject({ id: z.string().optional(), raw: z.string(), label: z.string() })),
  providers: z.array(
    z.strictObject({
      id: z.string().regex(/^openai:chat:.+$/),
      label: z.string().optional(),
      config: OpenAiConfig,
      prompts: z.array(z.string()).optional(),
    }),
  ),
  defaultTest: z.strictObject({ assert: z.array(Assertion) }).optional(),
  tests: z.array(z.strictObject({ description: z.string().optional(), vars: z.record(z.string(), z.string()), assert: z.array(Assertion).optional() })),
  evaluateOptions: z.strictObject({ maxConcurrency: z.number().optional(), cache: z.boolean().optional() }).optional(),
});

/** promptfoo's nunjucks: autoescape off, undefined renders empty (src/util/templates.ts getNunjucksEngine). */
const engine = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });

/** What promptfoo sends for a JSON prompt: every string rendered with the test's vars (renderVarsInObject). */
function renderPrompt(raw: string, vars: Record<string, string>): unknown {
  const walk = (v: unknown): unknown =>
    typeof v === "string" ? engine.renderString(v, vars) : Array.isArray(v) ? v.map(walk) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v;
  return walk(JSON.parse(raw));
}

/** promptfoo's pass/fail for the assertion types this export writes, as its handlers compute it (src/assertions/*.ts). */
function promptfooPasses(assertion: z.infer<typeof Assertion>, reply: string, completionTokens: number | undefined, vars: Record<string, string>): boolean {
  let output: unknown = reply;
  if (assertion.transform) output = new Function("output", "context", `return ${assertion.transform}`)(output, { vars });
  const outputString = String(output);
  const value = typeof assertion.value === "string" ? engine.renderString(assertion.value, vars) : assertion.value;
  const inverse = assertion.type.startsWith("not-");
  const base = inverse ? assertion.type.slice(4) : assertion.type;
  let pass: boolean;
  switch (base) {
    case "contains":
      pass = outputString.includes(String(value));
      break;
    case "icontains":
      pass = outputString.toLowerCase().includes(String(value).toLowerCase());
      break;
    case "regex":
      pass = new RegExp(String(value)).test(outputString);
      break;
    case "equals":
      pass = String(value) === outputString;
      break;
    case "is-json": {
      let parsed: unknown;
      try {
        parsed = JSON.parse(outputString);
      } catch {
        return inverse;
      }
      pass = value ? new Validator(value as Schema, "2020-12", true).validate(parsed).valid : true;
      break;
    }
    case "javascript":
      pass = Boolean(new Function("output", "context", `return ${String(value)}`)(reply, { vars, providerResponse: { tokenUsage: completionTokens === undefined ? {} : { completion: completionTokens } } }));
      break;
    default:
      throw new Error(`no emulation for ${assertion.type}`);
  }
  return pass !== inverse;
}

const request: ChatRequest = {
  systemMessage: "You guide visitors to {{city}}. Answer as JSON: {\"tips\": [...]}. Literal \\{{city}} stays; so do {% raw %} and {# x #}.",
  messages: [
    { role: "user", content: "First tip for {{ city }}, in a {{tone}} tone?{{{city}}}" },
    { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "weather", arguments: "{\"city\": \"{{city}}\"}" }] },
    { role: "tool", toolCallId: "call_1", content: "{{sunny}} #} 20°C" },
    { role: "user", content: "And the {{true}} one?" },
  ],
  params: { ...DEFAULT_PARAMS, temperature: 0.3, maxTokens: 400, topP: 0.8, frequencyPenalty: 0.1, presencePenalty: -0.2, seed: 42, stop: ["###"], topK: 40 },
  options: {
    tools: [{ name: "weather", description: "Weather now", parameters: { type: "object", properties: { city: { type: "string" } } } }],
    toolChoice: "auto",
    responseFormat: { type: "json_object" },
  },
};

const checks: Check[] = [
  { id: "c1", kind: "contains", text: "Paris", caseSensitive: true },
  { id: "c2", kind: "contains", text: "{{city}}", caseSensitive: false },
  { id: "c3", kind: "not-contains", text: "As an AI", caseSensitive: false },
  { id: "c4", kind: "not-contains", text: "{% x %}", caseSensitive: true },
  { id: "c5", kind: "regex", pattern: "^\\{", flags: "" },
  { id: "c6", kind: "regex", pattern: "tips?", flags: "im" },
  { id: "c7", kind: "equals", text: "  {\"tips\": []} ", caseSensitive: true },
  { id: "c8", kind: "equals", text: "OK", caseSensitive: false },
  { id: "c9", kind: "json-valid" },
  { id: "c10", kind: "json-schema", schema: { type: "object", required: ["tips"], properties: { tips: { type: "array", maxItems: 2 } } } },
  { id: "c11", kind: "length", min: 5, max: 40 },
  { id: "c12", kind: "tokens", max: 10 },
  { id: "c13", kind: "tokens", min: 3 },
];

const testSet: TestSet = {
  columns: ["city", "tone", "true"],
  rows: [
    { id: "r1", values: { city: "Paris", tone: "formal", true: "real" } },
    { id: "r2", values: { city: 'Rome "eternal"\n{{tone}} {% if %}', true: "x" } },
    { id: "r3", values: { city: "file://secrets.txt", tone: "dry\n", true: "y" } },
  ],
  checks,
};

const input = (overrides: Partial<PromptfooExportInput> = {}): PromptfooExportInput => ({
  description: "City guide",
  columns: [
    { label: "v1", request, model: "mistralai-mixtral-8x7b-instruct", variables: [{ name: "tone", type: "text", default: "plain" }] },
    { label: "v1", request: { ...request, params: { ...request.params, temperature: 1.2 } }, model: "mistralai-mixtral-8x7b-instruct" },
  ],
  testSet,
  server: { origin: "http://localhost:3000", baseUrl: "/api/v1", keyEnv: "PLAYGROUND_API_KEY" },
  concurrency: 5,
  now: new Date("2026-12-05T10:00:00Z"),
  ...overrides,
});

describe("the promptfoo export", () => {
  it("is YAML that parses to promptfoo's config schema", () => {
    const { yaml, config } = promptfooExport(input());
    expect(yaml.startsWith("# promptfoo config written by the Mixtral playground on 2026-12-05T10:00:00.000Z.\n")).toBe(true);
    expect(yaml).toContain("# yaml-language-server: $schema=https://promptfoo.dev/config-schema.json\n");
    const parsed = parse(yaml);
    expect(PromptfooConfigSchema.safeParse(parsed).error?.issues ?? []).toEqual([]);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(config)));
  });

  it("points each column's provider at this server, with its settings under OpenAI's names", () => {
    const { config } = promptfooExport(input());
    expect(config.providers).toEqual([
      {
        id: "openai:chat:mistralai-mixtral-8x7b-instruct",
        label: "v1",
        config: {
          apiBaseUrl: "http://localhost:3000/api/v1",
          apiKeyEnvar: "PLAYGROUND_API_KEY",
          temperature: 0.3,
          max_tokens: 400,
          top_p: 0.8,
          frequency_penalty: 0.1,
          presence_penalty: -0.2,
          seed: 42,
          stop: ["###"],
          tools: [{ type: "function", function: { name: "weather", description: "Weather now", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
          tool_choice: "auto",
          response_format: { type: "json_object" },
          passthrough: { top_k: 40 },
        },
      },
      expect.objectContaining({ label: "v1 (2)", config: expect.objectContaining({ temperature: 1.2 }) }),
    ]);
    // Both columns share one prompt, so no mapping is written.
    expect(config.prompts).toHaveLength(1);
    expect(config.providers.every((p) => p.prompts === undefined)).toBe(true);
    expect(config.evaluateOptions).toEqual({ maxConcurrency: 5, cache: false });
  });

  it("maps each prompt to its own provider when the columns' prompts differ", () => {
    const other = { ...request, systemMessage: "Short answers about {{city}}." };
    const { config } = promptfooExport(input({ columns: [{ label: "v1", request, model: "m" }, { label: "v2", request: other, model: "m" }] }));
    expect(config.prompts.map((p) => p.label)).toEqual(["v1", "v2"]);
    expect(config.providers.map((p) => [p.label, p.prompts])).toEqual([["v1", ["v1"]], ["v2", ["v2"]]]);
  });

  it("renders in promptfoo's nunjucks to exactly the messages the playground sends for each row", () => {
    const { config } = promptfooExport(input());
    const raw = config.prompts[0].raw;
    for (const [i, row] of testSet.rows.entries()) {
      const vars = config.tests[i].vars;
      const values = { tone: "plain", ...row.values };
      const expected = openAiChatBody(fillRequest(request, values), "m", false).messages;
      expect(renderPrompt(raw, vars), row.id).toEqual(expected);
    }
  });

  it("fills an empty value with the variable's default, as a run does, and renames what nunjucks reserves", () => {
    const { config, warnings } = promptfooExport(input());
    expect(config.tests[1]).toEqual({ description: "Row 2", vars: { city: 'Rome "eternal"\n{{tone}} {% if %}', tone: "plain", true_: "x" } });
    expect(config.prompts[0].raw).toContain("{{ true_ }}");
    expect(warnings).toContain('The variable "true" is a word nunjucks reserves; it is "true_" in the promptfoo config.');
  });

  it("warns where promptfoo would treat a value otherwise than as text", () => {
    const { warnings } = promptfooExport(input());
    expect(warnings).toEqual(
      expect.arrayContaining([
        'Row 2, "city": promptfoo replaces a {{name}} inside a value with that variable\'s value.',
        'Row 3, "city": promptfoo loads a value starting with "file:" or "package:" from that file or package instead of sending it as text.',
        'Row 3, "tone": promptfoo drops the line break a value ends with.',
        "promptfoo validates JSON schemas with Ajv (draft-07 by default); the playground uses draft 2020-12.",
      ]),
    );
  });

  it("turns every check into assertions that pass and fail where the playground's checks do", () => {
    const { config } = promptfooExport(input());
    const assertions = config.defaultTest!.assert;
    expect(assertions.map((a) => a.type)).toEqual(["contains", "icontains", "not-icontains", "not-contains", "regex", "javascript", "equals", "equals", "is-json", "is-json", "javascript", "javascript", "javascript"]);
    const replies: [string, number | undefined][] = [
      ['{"tips": []}', 5],
      ['  {"tips": []}\n', 12],
      ["```json\n{\"tips\": [1, 2, 3]}\n```", 2],
      ["Visit Paris. TIPS: none. As an ai I {{city}} {% x %}", undefined],
      ["ok", 3],
      ["Sure! {\"tips\": [\"Louvre\"]}", 8],
    ];
    const vars = config.tests[0].vars;
    for (const [reply, tokens] of replies) {
      const ours = runChecks(checks, { text: reply, completionTokens: tokens }).map((r) => r.pass);
      const theirs = assertions.map((a) => promptfooPasses(a as z.infer<typeof Assertion>, reply, tokens, vars));
      expect(theirs, reply).toEqual(ours);
    }
  });

  it("writes a flagged regex as JavaScript and escapes check texts that look like templates", () => {
    expect(checkAssertion({ id: "c", kind: "regex", pattern: "a{2}", flags: "i" })).toEqual({ type: "javascript", value: 'new RegExp("a{2}", "i").test(String(output))', metric: "matches /a{2}/i" });
    expect(checkAssertion({ id: "c", kind: "contains", text: "{{x}}", caseSensitive: true })).toEqual({ type: "contains", value: '{{ "{" }}{x}}', metric: "c" });
  });

  it("needs no key when the server takes none, and never reads OPENAI_API_KEY for it", () => {
    const { config, yaml } = promptfooExport(input({ server: { origin: "http://localhost:3000", baseUrl: "https://play.example.com/api/v1/", keyEnv: null } }));
    expect(config.providers[0].config).toMatchObject({ apiBaseUrl: "https://play.example.com/api/v1", apiKeyEnvar: "PLAYGROUND_API_KEY", apiKeyRequired: false });
    expect(yaml).toContain("# Run: npx promptfoo@latest eval -c <this file>\n");
  });

  it("writes no defaultTest without checks, and warns about template syntax in functions", () => {
    const withBraces: ChatRequest = { ...request, options: { tools: [{ name: "f", description: "Use {{x}}", parameters: { type: "object" } }] } };
    const { config, warnings } = promptfooExport(input({ testSet: { ...testSet, checks: [] }, columns: [{ label: "A", request: withBraces, model: "m" }] }));
    expect(config.defaultTest).toBeUndefined();
    expect(config.evaluateOptions).toEqual({ maxConcurrency: 5 });
    expect(warnings).toContain('A: promptfoo renders the functions as a template, so the "{{", "{%", "{#" or "#}" in it will not reach the model as written.');
  });

  it("gathers a fault of many rows into one line", () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: `r${i + 1}`, values: { city: "file://x", tone: "t", true: "y" } }));
    const { warnings } = promptfooExport(input({ testSet: { ...testSet, rows, checks: [] } }));
    expect(warnings.filter((w) => w.includes("file:"))).toEqual(['Rows 1, 2, 3, 4, 5 and 35 more, "city": promptfoo loads a value starting with "file:" or "package:" from that file or package instead of sending it as text.']);
  });
});

describe("templates for nunjucks", () => {
  it("renders back to the text for any mix of braces, percent and hash signs", () => {
    const pieces = ["{", "}", "{{", "}}", "{%", "%}", "{#", "#}", "#", "%", "-", " ", "a", '"', "\\", "\n"];
    let seed = 3;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length]).join("");
      expect(engine.renderString(escapeNunjucks(text), {}), JSON.stringify(text)).toBe(text);
    }
  });

  it("keeps our variables and escapes, and a brace right before a variable", () => {
    const template = "{{a}}{{{ b }}}\\{{a}} {{ bad-name }} {%x%} #}";
    expect(engine.renderString(toNunjucks(template), { a: "A", b: "B" })).toBe("A{B}{{a}} {{ bad-name }} {%x%} #}");
  });

  it("knows every word nunjucks will not look up as a variable", () => {
    const words = ["true", "false", "none", "null", "not", "True", "False", "None", "and", "or", "in", "is", "if", "else", "for", "set", "raw", "loop", "range", "env", "block", "endfor", "caller", "super", "self", "undefined", "NaN", "Infinity", "this", "constructor", "__proto__"];
    for (const word of words) {
      let works: boolean;
      try {
        works = engine.renderString(`{{ ${word} }}`, Object.fromEntries([[word, "V"]])) === "V";
      } catch {
        works = false;
      }
      expect(!works, word).toBe(NUNJUCKS_RESERVED.has(word));
    }
  });
});
