/**
 * Is a reply the JSON it was asked for? Parses the reply (also when the model wrapped it in a
 * ```json fence) and, with a schema, validates it with @cfworker/json-schema: a well-kept,
 * spec-compliant validator that, unlike Ajv, compiles nothing with `new Function`, which the
 * page's Content-Security-Policy forbids. The answer names the first violation: path and reason.
 */
import { Validator, type OutputUnit, type Schema } from "@cfworker/json-schema";

export type JsonCheck =
  | { kind: "not-json"; reason: string }
  | { kind: "json"; value: unknown }
  | { kind: "matches-schema"; value: unknown }
  | { kind: "violates-schema"; value: unknown; path: string; reason: string }
  | { kind: "bad-schema"; reason: string };

const FENCED = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i;

/** The JSON text of a reply: the whole reply, or the inside of one fenced block that is all of it. */
export function jsonTextOf(reply: string): string {
  return FENCED.exec(reply)?.[1] ?? reply;
}

export function parseJsonReply(reply: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(jsonTextOf(reply)) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

export function checkJsonReply(reply: string, schema?: Record<string, unknown>): JsonCheck {
  const parsed = parseJsonReply(reply);
  if (!parsed.ok) return { kind: "not-json", reason: parsed.reason };
  if (!schema) return { kind: "json", value: parsed.value };
  let validator: Validator;
  try {
    validator = new Validator(schema as Schema, "2020-12", true);
  } catch (error) {
    return { kind: "bad-schema", reason: (error as Error).message };
  }
  const { valid, errors } = validator.validate(parsed.value);
  if (valid) return { kind: "matches-schema", value: parsed.value };
  const first = deepest(errors);
  return { kind: "violates-schema", value: parsed.value, path: readablePath(first.instanceLocation), reason: first.error };
}

/**
 * The validator reports a failure from the outside in ("property x does not match", then why);
 * the innermost one of the first chain says what is actually wrong.
 */
function deepest(errors: OutputUnit[]): OutputUnit {
  let best = errors[0];
  for (const e of errors) {
    if (e.instanceLocation.startsWith(best.instanceLocation) && e.instanceLocation.length > best.instanceLocation.length) best = e;
  }
  return best;
}

/** "#/items/0/name" → "$.items[0].name" (the reply's root is "$"). */
export function readablePath(location: string): string {
  const parts = location.replace(/^#\/?/, "").split("/").filter(Boolean);
  return parts.reduce((path, raw) => {
    const part = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    return /^\d+$/.test(part) ? `${path}[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `${path}.${part}` : `${path}[${JSON.stringify(part)}]`;
  }, "$");
}
