/**
 * A saved prompt: a name, a description, and immutable versions, each holding everything a run
 * needs (system message, template turns, every sampling parameter with seed and stop sequences,
 * tools and tool choice, response format, model id) and the variables its texts use. Labels point
 * at versions: `latest` always at the newest, others (e.g. `production`) where the user puts them.
 */
import type { ChatMessage, RequestOptions } from "../chat/request";
import type { SamplingParams } from "../params";
import type { TestSet } from "./prompt-file-test-set";

export type VariableType = "text" | "long-text" | "number" | "choice";

export interface VariableSpec {
  name: string;
  type: VariableType;
  default?: string;
  description?: string;
  /** The values a "choice" variable may take. */
  choices?: string[];
}

/** What a version holds: the request to run, before its variables are filled. */
export interface PromptContent {
  systemMessage: string;
  messages: ChatMessage[];
  params: SamplingParams;
  options?: RequestOptions;
  model?: string;
  variables: VariableSpec[];
}

export interface PromptVersion extends PromptContent {
  /** 1, 2, 3…: never reused within a prompt. */
  version: number;
  /** ISO 8601. */
  createdAt: string;
  note?: string;
}

export interface Prompt {
  /** Unguessable and stable across exports: an import recognises the same prompt by it. */
  id: string;
  name: string;
  description?: string;
  /** Oldest first. */
  versions: PromptVersion[];
  /** Label → version number; `latest` is not stored, it is always the newest version. */
  labels: Record<string, number>;
  /**
   * Its test cases (docs/evals.md): one set per prompt, not per version, as the prompt file keeps
   * it, so editing them never makes a version; every version can be run against them.
   */
  testSet?: TestSet;
}

export const LATEST = "latest";

export const latestVersion = (prompt: Prompt): PromptVersion => prompt.versions[prompt.versions.length - 1];

/** The version a label (or `latest`) points at, or a version by number. */
export function versionOf(prompt: Prompt, which: { version?: number; label?: string } = {}): PromptVersion | undefined {
  if (which.version !== undefined) return prompt.versions.find((v) => v.version === which.version);
  if (which.label === undefined || which.label === LATEST) return latestVersion(prompt);
  const number = prompt.labels[which.label];
  return number === undefined ? undefined : prompt.versions.find((v) => v.version === number);
}

/** A new id: 128 random bits, base64url (unguessable, as share ids are). */
export function newPromptId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `pr_${btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
}

/** The prompt with `content` saved as its next version. */
export function withNewVersion(prompt: Prompt, content: PromptContent, note: string | undefined, now = new Date()): Prompt {
  const version = (prompt.versions.at(-1)?.version ?? 0) + 1;
  return { ...prompt, versions: [...prompt.versions, { ...content, version, createdAt: now.toISOString(), ...(note ? { note } : {}) }] };
}

export function newPrompt(name: string, content: PromptContent, options: { description?: string; note?: string; now?: Date; id?: string } = {}): Prompt {
  const empty: Prompt = { id: options.id ?? newPromptId(), name, ...(options.description ? { description: options.description } : {}), versions: [], labels: {} };
  return withNewVersion(empty, content, options.note, options.now);
}

/** A version's content, without its number, date and note (to save it again as a new version). */
export function contentOf(version: PromptVersion): PromptContent {
  const { systemMessage, messages, params, options, model, variables } = version;
  return { systemMessage, messages, params, ...(options ? { options } : {}), ...(model ? { model } : {}), variables };
}
