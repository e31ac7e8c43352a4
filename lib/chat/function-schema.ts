/**
 * What a function definition may be, checked alike by the server (lib/chat/schema.ts builds its
 * request schema with these) and by the browser's Functions editor as the user types
 * (lib/tools/function-definitions.ts). Written with zod/mini, whose functions are tree-shaken:
 * the editor is on the first page, and the full zod would add about 34 KB gzipped to its
 * JavaScript (`npm run bench -- bundle`). The two builds of zod mix freely.
 *
 * Every check names its own message: zod/mini loads no locale, so a default message would read
 * "Invalid input" in the browser and something else on the server.
 */
import * as z from "zod/mini";

/** Function names as OpenAI and Anthropic both accept them. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_TOOLS = 32;
/** A function's JSON Schema or a response format's schema, as JSON text. */
const MAX_SCHEMA_BYTES = 32_000;
const MAX_DESCRIPTION_LENGTH = 20_000;

export const functionName = z.string({ error: "name must be a string" }).check(z.regex(FUNCTION_NAME, { error: "name must be 1 to 64 letters, digits, _ or -" }));

/** JSON Schema objects from the user: any object, bounded in size (the upstream or the engine's grammar judges the rest). */
export const jsonSchemaObject = (what: string) =>
  z.record(z.string(), z.unknown(), { error: `${what} must be a JSON Schema object` }).check(
    z.refine((schema) => JSON.stringify(schema).length <= MAX_SCHEMA_BYTES, { error: `${what} must be at most ${MAX_SCHEMA_BYTES} characters of JSON` }),
  );

export const FunctionDefinitionSchema = z.strictObject(
  {
    name: functionName,
    // Generous: agent clients (Claude Code) describe their tools at length; the body cap still bounds it.
    description: z.optional(
      z.string({ error: "description must be a string" }).check(z.maxLength(MAX_DESCRIPTION_LENGTH, { error: `description must be at most ${MAX_DESCRIPTION_LENGTH} characters` })),
    ),
    parameters: jsonSchemaObject("parameters"),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} (a function has name, description and parameters)`
        : "a function definition must be an object",
  },
);
