/**
 * The portable prompt file (`*.prompt.json`): one prompt with all its versions and labels, or a
 * library of many, in one shape. Its JSON Schema (promptFileJsonSchema) is published in
 * docs/prompt-file.schema.json and served at /schemas/prompt-file.schema.json. Reading a file is
 * all-or-nothing: any fault rejects the whole file, with errors naming the path
 * (`prompts[3].versions[0].params.temperature: Temperature must be at most 2`) and caps that say
 * their limit.
 *
 * A prompt may carry a test set (`testSet`: its variables as columns, rows of values, checks;
 * ./prompt-file-test-set.ts, docs/evals.md). It is optional and additive, so the format stays at
 * version 1: every file written before it reads as it did, and a reader from before it refuses a
 * file that has one, naming the field, instead of dropping it.
 */
import { z } from "zod";
import { MAX_MESSAGES, MessageSchema, ModelIdSchema, OptionsSchema, ParamsSchema } from "../chat/schema";
import { SYSTEM_MESSAGE_MAX_LENGTH } from "../params";
import type { Prompt } from "./prompt";
import type { TestSet } from "./prompt-file-test-set";
import { TestSetSchema } from "./prompt-file-test-set-schema";
import { PROMPT_FILE_CAPS, PROMPT_FILE_FORMAT, PROMPT_FILE_SCHEMA_PATH, PROMPT_FILE_VERSION } from "./caps";
import { VARIABLE_NAME } from "./variables";

export { PROMPT_FILE_CAPS, PROMPT_FILE_FORMAT, PROMPT_FILE_SCHEMA_PATH, PROMPT_FILE_VERSION };



const MB = PROMPT_FILE_CAPS.bytes / 1_000_000;

const text = (what: string, max: number) =>
  z.string({ error: `${what} must be a text` }).max(max, { error: `${what} must be at most ${max.toLocaleString("en-US")} characters` });

export const VariableSpecSchema = z.strictObject({
  name: z.string({ error: "name must be a text" }).regex(VARIABLE_NAME, { error: "name must be letters, digits and _, not starting with a digit" }).max(64, { error: "name must be at most 64 characters" }),
  type: z.enum(["text", "long-text", "number", "choice"], { error: 'type must be "text", "long-text", "number" or "choice"' }),
  default: text("default", 20_000).optional(),
  description: text("description", 500).optional(),
  choices: z.array(text("a choice", 200), { error: "choices must be a list of texts" }).max(PROMPT_FILE_CAPS.choices, { error: `at most ${PROMPT_FILE_CAPS.choices} choices` }).optional(),
});

export const PromptVersionSchema = z.strictObject({
  version: z.number({ error: "version must be a number" }).int({ error: "version must be a whole number" }).min(1, { error: "version must be at least 1" }),
  createdAt: z.iso.datetime({ offset: true, error: "createdAt must be an ISO 8601 date and time" }),
  note: text("note", PROMPT_FILE_CAPS.note).optional(),
  systemMessage: text("systemMessage", SYSTEM_MESSAGE_MAX_LENGTH),
  messages: z.array(MessageSchema, { error: "messages must be a list" }).max(MAX_MESSAGES, { error: `at most ${MAX_MESSAGES} messages` }),
  params: ParamsSchema,
  options: OptionsSchema.optional(),
  model: ModelIdSchema.optional(),
  variables: z.array(VariableSpecSchema, { error: "variables must be a list" }).max(PROMPT_FILE_CAPS.variables, { error: `at most ${PROMPT_FILE_CAPS.variables} variables` }),
});

/** A version's content as an API client sends it: turns and variables may be left out, parameters default. */
export const PromptContentSchema = PromptVersionSchema.omit({ version: true, createdAt: true, note: true }).extend({
  messages: PromptVersionSchema.shape.messages.default([]),
  params: ParamsSchema.default(ParamsSchema.parse({})),
  variables: PromptVersionSchema.shape.variables.default([]),
});

export const LABEL = /^[A-Za-z0-9_.-]{1,40}$/;

export const LabelsSchema = z
  .record(z.string().regex(LABEL, { error: "a label is 1 to 40 letters, digits, _ . or -" }), z.number({ error: "a label points at a version number" }).int())
  .refine((labels) => !Object.hasOwn(labels, "latest"), { error: '"latest" is not stored: it always means the newest version' })
  .refine((labels) => Object.keys(labels).length <= PROMPT_FILE_CAPS.labels, { error: `at most ${PROMPT_FILE_CAPS.labels} labels` });

export const PromptSchema = z
  .strictObject({
    id: z.string({ error: "id must be a text" }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "id must be 8 to 64 letters, digits, _ or -" }),
    name: text("name", PROMPT_FILE_CAPS.name).refine((name) => name.trim() !== "", { error: "name must not be empty" }),
    description: text("description", PROMPT_FILE_CAPS.description).optional(),
    versions: z
      .array(PromptVersionSchema, { error: "versions must be a list" })
      .min(1, { error: "a prompt needs at least one version" })
      .max(PROMPT_FILE_CAPS.versions, { error: `at most ${PROMPT_FILE_CAPS.versions} versions per prompt` })
      .refine((versions) => versions.every((v, i) => i === 0 || v.version > versions[i - 1].version), { error: "versions must be listed oldest first, each number higher than the one before" }),
    labels: z
      .record(z.string().regex(LABEL, { error: "a label is 1 to 40 letters, digits, _ . or -" }), z.number({ error: "a label points at a version number" }).int())
      .default({})
      .refine((labels) => Object.keys(labels).length <= PROMPT_FILE_CAPS.labels, { error: `at most ${PROMPT_FILE_CAPS.labels} labels` }),
    testSet: TestSetSchema.optional(),
  })
  .refine((p) => Object.values(p.labels).every((n) => p.versions.some((v) => v.version === n)), { error: "a label points at a version the prompt does not have", path: ["labels"] })
  .refine((p) => !Object.hasOwn(p.labels, "latest"), { error: '"latest" is not stored: it always means the newest version', path: ["labels"] });

export const PromptFileSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(PROMPT_FILE_FORMAT, { error: `format must be "${PROMPT_FILE_FORMAT}"` }),
  formatVersion: z.literal(PROMPT_FILE_VERSION, { error: `formatVersion must be ${PROMPT_FILE_VERSION} (this playground reads version ${PROMPT_FILE_VERSION})` }),
  prompts: z
    .array(PromptSchema, { error: "prompts must be a list" })
    .max(PROMPT_FILE_CAPS.prompts, { error: `at most ${PROMPT_FILE_CAPS.prompts.toLocaleString("en-US")} prompts in one file` })
    .refine((prompts) => new Set(prompts.map((p) => p.id)).size === prompts.length, { error: "two prompts in the file share an id" }),
});

export type PromptFile = z.infer<typeof PromptFileSchema>;

/** `prompts[3].versions[0].params.temperature` from zod's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
  return out;
}

/** A prompt as a file holds it: the library's prompt, with its test set when it has one. */
export type FilePrompt = Prompt & { testSet?: TestSet };

export type ReadResult = { ok: true; prompts: FilePrompt[] } | { ok: false; errors: string[] };

/** The prompts of a file's text, or every fault found (at most 20 listed), naming their paths. Nothing is half-read. */
export function readPromptFile(textOfFile: string): ReadResult {
  const bytes = new TextEncoder().encode(textOfFile).length;
  if (bytes > PROMPT_FILE_CAPS.bytes) return { ok: false, errors: [`The file is ${(bytes / 1_000_000).toFixed(1)} MB; a prompt file may be at most ${MB} MB.`] };
  let json: unknown;
  try {
    json = JSON.parse(textOfFile);
  } catch (error) {
    return { ok: false, errors: [`The file is not JSON: ${(error as Error).message}`] };
  }
  return parsePromptFile(json);
}

/** readPromptFile for a file already parsed as JSON (a route's body). */
export function parsePromptFile(json: unknown): ReadResult {
  const parsed = PromptFileSchema.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => (issue.path.length ? `${formatPath(issue.path)}: ${issue.message}` : issue.message));
    return { ok: false, errors: errors.length > 20 ? [...errors.slice(0, 20), `…and ${errors.length - 20} more`] : errors };
  }
  return { ok: true, prompts: parsed.data.prompts as FilePrompt[] };
}

export { writePromptFile } from "./write-prompt-file";

/** The file's JSON Schema (draft 2020-12), made from the schema above, so the two never drift. */
export function promptFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PromptFileSchema, { io: "input", unrepresentable: "any" }),
    title: "Mixtral playground prompt file",
    description: "One prompt with all its versions and labels, or a library of many (docs/prompt-library.md).",
  };
}
