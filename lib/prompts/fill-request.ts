/**
 * A chat request with its `{{variables}}` filled: what Send, View code, the token meter and a share
 * use. Variables live in the System Message and the user's messages; replies and function results
 * are left as they are (a reply may well hold template code with braces of its own).
 */
import type { VariableSpec } from "./prompt";
import { fillVariables, missingValues, variableNames } from "./variables";

interface Fillable {
  systemMessage: string;
  /** Chat messages, or the page's own (which carry more). */
  messages: readonly { role: string; content: string }[];
}

/** The variables a request's texts use, in order of first use (a draft message counts too). */
export function requestVariables(request: Fillable, draft = ""): string[] {
  return variableNames([request.systemMessage, ...request.messages.filter((m) => m.role === "user").map((m) => m.content), draft]);
}

/** Each variable's value: what was typed, else its default. */
export function effectiveValues(specs: Readonly<Record<string, VariableSpec | undefined>>, typed: Readonly<Record<string, string | undefined>>, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = typed[name] || specs[name]?.default;
    if (value) values[name] = value;
  }
  return values;
}

/** The variables among `names` that still need a value. */
export const unfilledVariables = (names: readonly string[], values: Readonly<Record<string, string>>) => missingValues(names, values);

/** The variables a request uses (in order of first use) and those of them still without a value. */
export function requestBlanks(request: Fillable, values: Readonly<Record<string, string>>): { names: string[]; missing: string[] } {
  const names = requestVariables(request);
  return { names, missing: unfilledVariables(names, values) };
}

/**
 * Why a request cannot go while variables lack a value: the chat's Send says it, and so do the
 * runs outside the chat (sample spread, blind A/B), so a person meets one wording and one rule.
 */
export const fillVariablesFirst = (missing: readonly string[]) => `Fill in the variables first: ${missing.join(", ")}.`;

/** `request` with the System Message and every user message filled; other fields untouched. */
export function fillRequest<R extends Fillable>(request: R, values: Readonly<Record<string, string>>): R {
  return {
    ...request,
    systemMessage: fillVariables(request.systemMessage, values),
    messages: request.messages.map((m) => (m.role === "user" && m.content.includes("{{") ? { ...m, content: fillVariables(m.content, values) } : m)) as unknown as R["messages"],
  };
}
