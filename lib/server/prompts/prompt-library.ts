/**
 * The server's prompt libraries (/api/v1/prompts), one per access key: the rules around the
 * repository. A key sees only its own prompts; another key's prompt is "not found", never
 * "forbidden", so ids leak nothing. Caps as for prompt files, answered with 413.
 */
import "server-only";
import { z } from "zod";
import type { ChatRequest } from "../../chat/request";
import type { PromptRepository } from "../../db/prompt-repository";
import { anthropicMessagesBody } from "../../dialects/anthropic/request";
import { openAiChatBody } from "../../dialects/openai/request";
import { AppError, invalidRequest } from "../../errors";
import { fillRequest, requestVariables } from "../../prompts/fill-request";
import { newPrompt, versionOf, type Prompt, type PromptContent, type PromptVersion, type VariableSpec } from "../../prompts/prompt";
import { LabelsSchema, PROMPT_FILE_CAPS, PromptContentSchema } from "../../prompts/prompt-file";
import { TestSetSchema } from "../../prompts/prompt-file-test-set-schema";
import { missingValues } from "../../prompts/variables";
import { OPEN_USAGE_KEY } from "../usage/usage-charge";

/** Whose library a request reaches: its access key's, or the open one when the app has no keys. */
export const libraryOwner = (accessKeyId: string | null) => accessKeyId ?? OPEN_USAGE_KEY;

const text = (what: string, max: number) => z.string({ error: `${what} must be a text` }).max(max, { error: `${what} must be at most ${max} characters` });
const Name = text("name", PROMPT_FILE_CAPS.name).refine((n) => n.trim() !== "", { error: "name must not be empty" });

export const CreatePromptBodySchema = PromptContentSchema.extend({
  name: Name,
  description: text("description", PROMPT_FILE_CAPS.description).optional(),
  note: text("note", PROMPT_FILE_CAPS.note).optional(),
});

export const NewVersionBodySchema = PromptContentSchema.extend({ note: text("note", PROMPT_FILE_CAPS.note).optional() });

export const PatchPromptBodySchema = z.strictObject({
  name: Name.optional(),
  description: text("description", PROMPT_FILE_CAPS.description).nullable().optional(),
  labels: LabelsSchema.optional(),
  /** The prompt's test cases (null removes them): not versioned, so saving them adds no version. */
  testSet: TestSetSchema.nullable().optional(),
});

/** A PATCH may carry a test set, which may be as large as a prompt file. */
export const PATCH_PROMPT_BYTES = PROMPT_FILE_CAPS.bytes;

export const RenderBodySchema = z.strictObject({
  variables: z.record(z.string(), z.string({ error: "each variable's value must be a text" }), { error: "variables must be an object of texts" }).default({}),
});

export const notFound = () => new AppError(404, "prompt_not_found", "There is no prompt with this id in your library.");

/** The content with every variable its texts use listed (a text variable where the client named none). */
function withVariables(content: z.infer<typeof PromptContentSchema>): PromptContent {
  const named = new Map(content.variables.map((v) => [v.name, v]));
  const variables: VariableSpec[] = requestVariables(content).map((name) => named.get(name) ?? { name, type: "text" });
  return { ...(content as PromptContent), variables: [...variables, ...content.variables.filter((v) => !variables.some((u) => u.name === v.name))] };
}

export async function createPrompt(repo: PromptRepository, owner: string, body: z.infer<typeof CreatePromptBodySchema>, now = new Date()): Promise<Prompt> {
  if ((await repo.count(owner)) >= PROMPT_FILE_CAPS.prompts) throw libraryFull();
  const { name, description, note, ...content } = body;
  const prompt = newPrompt(name.trim(), withVariables(content), { description, note, now });
  await repo.insert(owner, prompt, now);
  return prompt;
}

export async function addPromptVersion(repo: PromptRepository, owner: string, id: string, body: z.infer<typeof NewVersionBodySchema>, now = new Date()): Promise<Prompt> {
  const { note, ...content } = body;
  const saved = await repo.addVersion(owner, id, withVariables(content), note, now, PROMPT_FILE_CAPS.versions);
  if (saved === "missing") throw notFound();
  if (saved === "full") throw new AppError(413, "too_many_versions", `This prompt has ${PROMPT_FILE_CAPS.versions} versions, the most a prompt may have: save a new prompt instead.`);
  return saved;
}

export async function patchPrompt(repo: PromptRepository, owner: string, id: string, patch: z.infer<typeof PatchPromptBodySchema>, now = new Date()): Promise<Prompt> {
  if (patch.labels) {
    const prompt = await repo.get(owner, id);
    if (!prompt) throw notFound();
    const wrong = Object.entries(patch.labels).find(([, version]) => !prompt.versions.some((v) => v.version === version));
    if (wrong) throw invalidRequest([{ field: `labels.${wrong[0]}`, message: `version ${wrong[1]} does not exist` }]);
  }
  const updated = await repo.update(owner, id, { ...patch, ...(patch.name ? { name: patch.name.trim() } : {}) }, now);
  if (!updated) throw notFound();
  return updated;
}

/** Imports prompts from a file with the library's merge rules (lib/prompts/merge.ts): never overwriting. */
export async function importPrompts(repo: PromptRepository, owner: string, incoming: readonly Prompt[], now = new Date()) {
  const names = new Set((await repo.list(owner)).map((p) => p.name));
  const report = { added: [] as string[], renamed: [] as { from: string; to: string }[], versionsAdded: 0, versionsSkipped: 0, labelsKept: [] as { prompt: string; label: string }[] };
  let count = names.size;
  for (const prompt of incoming) {
    const mine = await repo.get(owner, prompt.id);
    if (mine) {
      const added = await repo.insertVersions(owner, prompt.id, prompt.versions.filter((v) => !mine.versions.some((m) => m.version === v.version)), now);
      report.versionsAdded += added;
      report.versionsSkipped += prompt.versions.length - added;
      const labels = { ...mine.labels };
      for (const [label, version] of Object.entries(prompt.labels)) {
        if (labels[label] === undefined) labels[label] = version;
        else if (labels[label] !== version) report.labelsKept.push({ prompt: mine.name, label });
      }
      // A test set is taken from the file only where the library's prompt has none: never overwritten.
      const testSet = !mine.testSet && prompt.testSet ? { testSet: prompt.testSet } : {};
      if (Object.keys(labels).length !== Object.keys(mine.labels).length || "testSet" in testSet) await repo.update(owner, prompt.id, { labels, ...testSet }, now);
      continue;
    }
    if (count >= PROMPT_FILE_CAPS.prompts) throw libraryFull();
    let name = prompt.name;
    for (let n = 2; names.has(name); n++) name = `${prompt.name} (${n})`;
    if (name !== prompt.name) report.renamed.push({ from: prompt.name, to: name });
    names.add(name);
    await repo.insert(owner, { ...prompt, name }, now);
    report.added.push(name);
    count++;
  }
  return report;
}

/** The version a request names (?version=N or ?label=name; the newest by default), or 404. */
export function chosenVersion(prompt: Prompt, search: URLSearchParams): PromptVersion {
  const number = search.get("version");
  const label = search.get("label") ?? undefined;
  if (number !== null && !/^\d+$/.test(number)) throw invalidRequest([{ field: "version", message: "must be a version number" }]);
  const version = versionOf(prompt, number !== null ? { version: Number(number) } : { label });
  if (!version) throw new AppError(404, "version_not_found", number !== null ? `This prompt has no version ${number}.` : `This prompt has no label "${label}".`);
  return version;
}

/**
 * A body for /api/v1/chat/completions (or /api/v1/messages with dialect "anthropic") from a
 * version and its variables' values: every variable filled (a value, else its default), or a 400
 * naming those without one.
 */
export function renderVersion(version: PromptVersion, values: Readonly<Record<string, string>>, dialect: "openai" | "anthropic", defaultModel: string): Record<string, unknown> {
  const names = requestVariables(version);
  const filledValues: Record<string, string> = {};
  for (const name of names) {
    const value = values[name] ?? version.variables.find((v) => v.name === name)?.default;
    if (value !== undefined && value !== "") filledValues[name] = value;
  }
  const missing = missingValues(names, filledValues);
  if (missing.length) throw invalidRequest(missing.map((name) => ({ field: `variables.${name}`, message: "needs a value (this variable has no default)" })));
  const request: ChatRequest = fillRequest({ systemMessage: version.systemMessage, messages: version.messages, params: version.params, ...(version.options ? { options: version.options } : {}) }, filledValues);
  const model = version.model ?? defaultModel;
  return dialect === "anthropic" ? anthropicMessagesBody(request, model, false) : openAiChatBody(request, model, false);
}

function libraryFull() {
  return new AppError(413, "library_full", `Your library holds ${PROMPT_FILE_CAPS.prompts.toLocaleString("en-US")} prompts, the most it may hold: delete one to add another.`);
}
