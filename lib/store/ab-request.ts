/**
 * What a blind A/B sends, side by side, as its form stands (docs/evals.md "Blind A/B"): two
 * settings (the panel's and an edited copy, after the conversation's earlier messages when kept),
 * or two saved versions of the open prompt (lib/evals/ab-sides.ts). Variables are filled with the
 * values Send uses, and one without a value blocks the run, named in Send's words.
 */
import type { ChatRequestBody } from "../client/chat-stream";
import type { AbVersions } from "../evals/ab-sides";
import { prepareVersionSide } from "../evals/ab-version-side";
import type { SamplingParams } from "../params";
import { fillRequest, fillVariablesFirst, requestBlanks } from "../prompts/fill-request";
import type { Prompt, VariableSpec } from "../prompts/prompt";
import type { SharedMessage } from "../shares/snapshot";
import { runHistory, runRequest } from "./eval-request";
import { variableValues } from "./prompt-session-store";
import type { RequestSettings } from "./reply-request";
import { toSharedMessages } from "./share-mapping";
import type { UiMessage } from "./ui-message";

/** What the two sides are: the panel's settings and an edited copy, or two saved versions of the open prompt. */
export type AbMode = "settings" | "versions";

export interface AbForm {
  mode: AbMode;
  /** The message judged, trimmed. */
  message: string;
  /** The conversation's earlier messages to send before it (settings only: a version sends its own turns). */
  earlier: readonly UiMessage[];
  /** The panel's settings, read when the view opened. */
  panel: RequestSettings;
  /** Setting 2's parameters. */
  edited: SamplingParams;
  /** The open prompt, once read, and the two versions picked (by number). */
  prompt: Prompt | null;
  picked: readonly [number, number] | null;
}

/** The page's variables: their settings (defaults) and the values typed for them. */
export interface AbSession {
  specs: Readonly<Record<string, VariableSpec>>;
  values: Readonly<Record<string, string>>;
}

export interface PreparedAb {
  /** What each side sends, before a round's seed. */
  requests: [ChatRequestBody, ChatRequestBody];
  /**
   * Side 1's messages as a share keeps them: the message judged and what was sent before it,
   * filled. A function: the form prepares on every keystroke, a share's messages are needed once.
   */
  sharedMessages(): SharedMessage[];
  versions?: AbVersions;
}

export interface AbReadiness {
  /** The variables the run uses (both sides'), in order of first use. */
  names: string[];
  /** Those of them without a value. */
  missing: string[];
  /** Why the run cannot start yet, in words; undefined when it can. */
  why?: string;
  prepared: PreparedAb | null;
}

const unique = (lists: readonly (readonly string[])[]) => [...new Set(lists.flat())];

function prepareSettings(form: AbForm, session: AbSession): AbReadiness {
  const values = variableValues(session);
  const history = runHistory(form.earlier, form.message);
  const { names, missing } = requestBlanks({ systemMessage: form.panel.systemMessage, messages: history }, values);
  if (missing.length) return { names, missing, why: fillVariablesFirst(missing), prepared: null };
  const requests: [ChatRequestBody, ChatRequestBody] = [runRequest(form.panel, form.panel.params, history, values), runRequest(form.panel, { ...form.edited }, history, values)];
  // The page's own messages (not the request's), so earlier replies keep their signatures in the share.
  const sharedMessages = () => toSharedMessages(fillRequest({ systemMessage: form.panel.systemMessage, messages: history }, values).messages);
  return { names, missing, prepared: { requests, sharedMessages } };
}

function prepareVersions(form: AbForm, session: AbSession): AbReadiness {
  const { prompt, picked } = form;
  const versions = picked?.map((n) => prompt?.versions.find((v) => v.version === n));
  if (!prompt || !versions?.[0] || !versions[1]) return { names: [], missing: [], why: "Choose two versions of the open prompt.", prepared: null };
  if (versions[0] === versions[1]) return { names: [], missing: [], why: "Choose two different versions.", prepared: null };
  const sides = [prepareVersionSide(versions[0], form.message, session.values, session.specs), prepareVersionSide(versions[1], form.message, session.values, session.specs)] as const;
  const names = unique(sides.map((s) => s.names));
  const missing = unique(sides.map((s) => (s.ok ? [] : s.missing)));
  const [one, two] = sides;
  if (!one.ok || !two.ok) return { names, missing, why: fillVariablesFirst(missing), prepared: null };
  return {
    names,
    missing,
    prepared: {
      requests: [one.request, two.request],
      // A version's turns hold no replies of this page: they go into the share as they were sent.
      sharedMessages: () => one.request.messages,
      versions: { prompt: prompt.name, sides: [one.side, two.side] },
    },
  };
}

export const prepareAb = (form: AbForm, session: AbSession): AbReadiness => (form.mode === "versions" ? prepareVersions(form, session) : prepareSettings(form, session));
