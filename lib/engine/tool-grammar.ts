/**
 * The JSON Schemas the engine's grammars are built from (node-llama-cpp turns them into GBNF):
 * a list of calls to the offered functions, or the user's response schema. A random-weight model
 * rarely closes a string or a list on its own, so for the demo model every string and list
 * without a bound gets one: its output still validates, and ends within Max Tokens.
 */
import type { FunctionDefinition } from "../chat/request";

/** Parallel calls one reply may make on the engine. */
export const MAX_ENGINE_CALLS = 3;
const DEMO_MAX_STRING = 24;
const DEMO_MAX_ITEMS = 3;

type Schema = Record<string, unknown>;

/** `[{"name": <one of the functions>, "arguments": <its parameters>}, …]`, name first. */
export function callListSchema(tools: readonly FunctionDefinition[], demo: boolean): Schema {
  const call = (t: FunctionDefinition): Schema => ({
    type: "object",
    properties: { name: { const: t.name }, arguments: argumentsSchema(t.parameters, demo) },
  });
  return {
    type: "array",
    minItems: 1,
    maxItems: demo ? 1 : MAX_ENGINE_CALLS,
    items: tools.length === 1 ? call(tools[0]) : { oneOf: tools.map(call) },
  };
}

/** A function's parameters as a grammar can take them: an object, always. */
function argumentsSchema(parameters: Schema, demo: boolean): Schema {
  const schema = parameters.type === "object" || parameters.properties ? { type: "object", ...parameters } : { type: "object", properties: {} };
  return enforceable(demo ? bounded(schema) : schema);
}

/** The user's response schema, bounded for the demo model. */
export const responseSchema = (schema: Schema, demo: boolean): Schema => enforceable(demo ? bounded(schema) : schema);

/** Integer ranges this small become an enum of their values. */
const MAX_ENUMERATED_RANGE = 64;

/**
 * node-llama-cpp's grammars hold strings to their length, lists to their size and values to an
 * enum, but not numbers to minimum and maximum: a small integer range is written as its enum,
 * so a rating of 1 to 5 really is one of 1…5.
 */
export function enforceable(schema: unknown): Schema {
  if (Array.isArray(schema)) return schema.map(enforceable) as unknown as Schema;
  if (!schema || typeof schema !== "object") return schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === "enum" || key === "const" ? value : enforceable(value);
  const { type, minimum, maximum } = out;
  if (type === "integer" && typeof minimum === "number" && typeof maximum === "number" && out.enum === undefined) {
    const low = Math.ceil(minimum);
    const high = Math.floor(maximum);
    if (high >= low && high - low < MAX_ENUMERATED_RANGE) {
      delete out.type;
      delete out.minimum;
      delete out.maximum;
      out.enum = Array.from({ length: high - low + 1 }, (_, i) => low + i);
    }
  }
  return out;
}

/**
 * JSON mode on the demo model: a small object of short values. Any JSON grammar lets keys be
 * strings of any length, and random weights never close one; real models get the plain JSON grammar.
 */
export const DEMO_JSON_OBJECT: Schema = {
  type: "object",
  properties: {
    answer: { type: "string", maxLength: DEMO_MAX_STRING },
    confidence: { type: "number" },
    tags: { type: "array", items: { type: "string", maxLength: DEMO_MAX_STRING }, maxItems: DEMO_MAX_ITEMS },
  },
};

/** Adds maxLength to strings and maxItems to arrays that have none, everywhere in the schema. */
export function bounded(schema: unknown): Schema {
  if (Array.isArray(schema)) return schema.map(bounded) as unknown as Schema;
  if (!schema || typeof schema !== "object") return schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === "enum" || key === "const" ? value : bounded(value);
  const types = ([] as unknown[]).concat(out.type ?? []);
  if (types.includes("string") && out.maxLength === undefined && out.enum === undefined && out.format === undefined) out.maxLength = DEMO_MAX_STRING;
  if (types.includes("array") && out.maxItems === undefined) out.maxItems = DEMO_MAX_ITEMS;
  return out;
}
