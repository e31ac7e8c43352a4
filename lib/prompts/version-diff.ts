/**
 * What changed between two versions of a prompt: a word diff of each text (system message, each
 * message), and the settings that differ (every parameter of the table, tools, tool choice,
 * response format, model, variables), each with its value before and after.
 */
import { canonicalJson } from "../json/canonical-json";
import { ADVANCED_NUMERIC_PARAMS, NUMERIC_PARAMS, SEED_PARAM, STOP_PARAM } from "../params";
import { wordDiff, type DiffPart } from "../diff/word-diff";
import type { PromptContent } from "./prompt";

export interface TextChange {
  /** "System Message", "Message 2 (user)". */
  field: string;
  parts: DiffPart[];
}

export interface SettingChange {
  field: string;
  /** As shown: a number, a list, JSON; "—" when unset. */
  before: string;
  after: string;
}

export interface VersionDiff {
  texts: TextChange[];
  settings: SettingChange[];
}

const UNSET = "—";
const shown = (value: unknown): string => (value === undefined ? UNSET : typeof value === "string" ? value : canonicalJson(value));

export function diffVersions(a: PromptContent, b: PromptContent): VersionDiff {
  const texts: TextChange[] = [];
  const text = (field: string, before: string, after: string) => {
    if (before !== after) texts.push({ field, parts: wordDiff(before, after) });
  };
  text("System Message", a.systemMessage, b.systemMessage);
  for (let i = 0; i < Math.max(a.messages.length, b.messages.length); i++) {
    const before = a.messages[i];
    const after = b.messages[i];
    const role = before?.role === after?.role || !after ? before.role : !before ? after.role : `${before.role} → ${after.role}`;
    text(`Message ${i + 1} (${role})`, before?.content ?? "", after?.content ?? "");
  }

  const settings: SettingChange[] = [];
  const setting = (field: string, before: unknown, after: unknown) => {
    const [x, y] = [shown(before), shown(after)];
    if (x !== y) settings.push({ field, before: x, after: y });
  };
  for (const p of [...NUMERIC_PARAMS, ...ADVANCED_NUMERIC_PARAMS]) setting(p.label, a.params[p.key], b.params[p.key]);
  setting(SEED_PARAM.label, a.params.seed, b.params.seed);
  setting(STOP_PARAM.label, a.params.stop?.length ? a.params.stop : undefined, b.params.stop?.length ? b.params.stop : undefined);
  const toolsBy = (content: PromptContent) => new Map((content.options?.tools ?? []).map((t) => [t.name, t]));
  const [toolsA, toolsB] = [toolsBy(a), toolsBy(b)];
  for (const name of new Set([...toolsA.keys(), ...toolsB.keys()])) setting(`Function ${name}`, toolsA.get(name), toolsB.get(name));
  setting("Tool choice", a.options?.toolChoice, b.options?.toolChoice);
  setting("Response format", a.options?.responseFormat, b.options?.responseFormat);
  setting("Model", a.model, b.model);
  const variablesBy = (content: PromptContent) => new Map(content.variables.map((v) => [v.name, v]));
  const [varsA, varsB] = [variablesBy(a), variablesBy(b)];
  for (const name of new Set([...varsA.keys(), ...varsB.keys()])) setting(`Variable ${name}`, varsA.get(name), varsB.get(name));
  return { texts, settings };
}
