/**
 * One side of a blind A/B that is a saved version of the open prompt: the version's System
 * Message, its template turns, parameters, functions and format, then the message judged,
 * `{{variables}}` filled as Send fills them; or the variables that still block it. The request is
 * made as the Test cases view makes a version column's (rowRequest), so both views send a version alike.
 */
import type { ChatRequest, RequestOptions } from "../chat/request";
import { effectiveValues, requestVariables, unfilledVariables } from "../prompts/fill-request";
import { contentOf, type PromptContent, type PromptVersion, type VariableSpec } from "../prompts/prompt";
import type { AbVersionSide } from "./ab-sides";
import { rowRequest } from "./test-run";

/** Nothing in the A/B view shows log-probabilities, so none are asked for (as the panel's side). */
function withoutLogprobs(options: RequestOptions | undefined): RequestOptions | undefined {
  if (!options?.logprobs) return options;
  const rest = { ...options };
  delete rest.logprobs;
  return Object.keys(rest).length ? rest : undefined;
}

/** The version with the message judged as its last turn: what one side asks. */
function askedContent(version: PromptVersion, message: string): PromptContent {
  const content = contentOf(version);
  const options = withoutLogprobs(content.options);
  delete content.options;
  return { ...content, messages: [...content.messages, { role: "user", content: message }], ...(options ? { options } : {}) };
}

/**
 * Each variable's value for a version, by Send's rule: what was typed (the page's Variables), else
 * the version's default, else the page's (a variable only the typed message uses has no version
 * default).
 */
function versionValues(version: PromptVersion, names: readonly string[], typed: Readonly<Record<string, string>>, pageSpecs: Readonly<Record<string, VariableSpec>>) {
  const specs: Record<string, VariableSpec> = { ...pageSpecs };
  for (const spec of version.variables) if (spec.default) specs[spec.name] = spec;
  return effectiveValues(specs, typed, names);
}

export type PreparedVersionSide =
  | { ok: true; names: string[]; side: AbVersionSide; request: ChatRequest }
  | { ok: false; names: string[]; missing: string[] };

/** A version side ready to send (its request before a round's seed), or the variables it still needs. */
export function prepareVersionSide(version: PromptVersion, message: string, typed: Readonly<Record<string, string>>, pageSpecs: Readonly<Record<string, VariableSpec>>): PreparedVersionSide {
  const content = askedContent(version, message);
  const names = requestVariables(content);
  const values = versionValues(version, names, typed, pageSpecs);
  const missing = unfilledVariables(names, values);
  if (missing.length) return { ok: false, names, missing };
  const request = rowRequest(content, values);
  const side: AbVersionSide = {
    version: version.version,
    ...(version.note ? { note: version.note } : {}),
    systemMessage: request.systemMessage,
    turns: request.messages.slice(0, -1),
    ...(request.options ? { options: request.options } : {}),
    ...(request.model ? { model: request.model } : {}),
  };
  return { ok: true, names, side, request };
}
