/**
 * The one flat parameter table. It drives the parameter panel, the request schema,
 * the upstream request body and the code export: add a parameter here and nowhere else.
 * Labels, defaults and order are the model page's own.
 */
import { MODEL } from "./model/facts";

/** Mixtral's window; the serving upstream's own (provider capabilities) is what requests are checked against. */
export const CONTEXT_WINDOW = MODEL.contextWindow;

export const DEFAULT_SYSTEM_MESSAGE =
  "You are a helpful AI assistant specialized in providing accurate and detailed responses.";

export const SYSTEM_MESSAGE_MAX_LENGTH = 100_000;

export interface NumericParam {
  /** Our name, used in the store, the request body and error paths. */
  key: "temperature" | "maxTokens" | "topP" | "frequencyPenalty" | "presencePenalty";
  label: string;
  help: string;
  default: number;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  /** The OpenAI-style field name the value travels under upstream. */
  upstream: string;
  /** The Anthropic Messages field and its range there; null where that API has no such parameter. */
  anthropic: { field: string; max: number } | null;
}

export const NUMERIC_PARAMS = [
  {
    key: "temperature",
    label: "Temperature",
    help: "Randomness: 0 always picks the likeliest token, higher values surprise more.",
    default: 0.7,
    min: 0,
    max: 2,
    step: 0.01,
    integer: false,
    upstream: "temperature",
    anthropic: { field: "temperature", max: 1 },
  },
  {
    key: "maxTokens",
    label: "Max Tokens",
    help: "Longest reply, in tokens; the prompt and the reply share the 32,768-token window.",
    default: 1000,
    min: 1,
    max: CONTEXT_WINDOW,
    step: 1,
    integer: true,
    upstream: "max_tokens",
    anthropic: { field: "max_tokens", max: CONTEXT_WINDOW },
  },
  {
    key: "topP",
    label: "Top P",
    help: "Samples only from the likeliest tokens whose probabilities add up to this share.",
    default: 0.9,
    min: 0,
    max: 1,
    step: 0.01,
    integer: false,
    upstream: "top_p",
    anthropic: { field: "top_p", max: 1 },
  },
  {
    key: "frequencyPenalty",
    label: "Frequency Penalty",
    help: "Positive values discourage repeating a token in proportion to how often it appeared.",
    default: 0,
    min: -2,
    max: 2,
    step: 0.01,
    integer: false,
    upstream: "frequency_penalty",
    anthropic: null,
  },
  {
    key: "presencePenalty",
    label: "Presence Penalty",
    help: "Positive values discourage any token that already appeared, nudging toward new topics.",
    default: 0,
    min: -2,
    max: 2,
    step: 0.01,
    integer: false,
    upstream: "presence_penalty",
    anthropic: null,
  },
] as const satisfies readonly NumericParam[];

/** Optional integer seed: absent means a fresh random seed on every run. */
export const SEED_PARAM = {
  key: "seed",
  label: "Seed",
  help: "Same seed and settings give the same reply where the upstream supports it; empty means random.",
  min: 0,
  max: 2 ** 31 - 1,
  upstream: "seed",
  anthropic: null,
} as const;

/**
 * Settings beyond the page's six, in the panel's "Advanced" section. Each is optional: absent
 * means not sent, so the upstream's own default applies. Each is sent only where the serving
 * upstream's capabilities (`capability`) accept it; otherwise fitToCapabilities takes it out and
 * the stream's `warnings` event names it by `label`.
 */
export interface OptionalNumericParam {
  key: "topK" | "repetitionPenalty";
  label: string;
  help: string;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  /** What the control shows when unset; the value itself is simply not sent. */
  placeholder: string;
  upstream: string;
  anthropic: { field: string; max: number } | null;
  capability: "topK" | "repetitionPenalty";
}

export const ADVANCED_NUMERIC_PARAMS = [
  {
    key: "topK",
    label: "Top K",
    help: "Samples only from this many likeliest tokens (before Top P); empty leaves the upstream's default.",
    // 100 bounds what the probabilities view carries per token (the engine sends the whole top-k set).
    min: 1,
    max: 100,
    step: 1,
    integer: true,
    placeholder: "default",
    upstream: "top_k",
    anthropic: { field: "top_k", max: 100 },
    capability: "topK",
  },
  {
    key: "repetitionPenalty",
    label: "Repetition Penalty",
    help: "Above 1 makes tokens already in the reply less likely, below 1 more likely; empty means none.",
    // ModelsLab documents 0.1–2 (upstream-apis.md); 1 is neutral everywhere.
    min: 0.1,
    max: 2,
    step: 0.01,
    integer: false,
    placeholder: "none",
    upstream: "repetition_penalty",
    // The Messages API has no repetition penalty.
    anthropic: null,
    capability: "repetitionPenalty",
  },
] as const satisfies readonly OptionalNumericParam[];

/**
 * Stop sequences. They live here, in the parameter table (`params.stop`), not in RequestOptions:
 * they change what a reply is like the sampling settings do, and everything keyed on the table
 * (the schema's 400s, every dialect's body, /api/v1's field mapping, View code, shares, reply
 * signatures, compare columns) then carries them with no code of their own. `stop` in
 * ProviderCapabilities says which upstreams accept them.
 */
export const STOP_PARAM = {
  key: "stop",
  label: "Stop Sequences",
  help: "The reply ends before the first of these texts (it is not included). Type \\n for a new line, \\t for a tab.",
  /** OpenAI's and ModelsLab's limit. */
  maxCount: 4,
  /** Characters per sequence: a stop is a marker, not a passage, and the engine matches against held-back text. */
  maxLength: 100,
  upstream: "stop",
  anthropic: { field: "stop_sequences" },
  capability: "stop",
} as const;

export type NumericParamKey = (typeof NUMERIC_PARAMS)[number]["key"];
export type OptionalNumericParamKey = (typeof ADVANCED_NUMERIC_PARAMS)[number]["key"];

export type SamplingParams = Record<NumericParamKey, number> & { seed?: number; stop?: string[] } & Partial<Record<OptionalNumericParamKey, number>>;

export const DEFAULT_PARAMS: SamplingParams = Object.fromEntries(
  NUMERIC_PARAMS.map((p) => [p.key, p.default]),
) as Record<NumericParamKey, number>;

/** Snaps a value into the parameter's range and step, so the UI never holds an invalid value. */
export function clampParam(param: Pick<NumericParam, "min" | "max" | "step" | "integer"> & { default?: number }, value: number): number {
  if (!Number.isFinite(value)) return param.default ?? param.min;
  const clamped = Math.min(param.max, Math.max(param.min, value));
  if (param.integer) return Math.round(clamped);
  // toFixed keeps 0.7 from becoming 0.7000000000000001 after snapping to the step.
  const decimals = String(param.step).split(".")[1]?.length ?? 0;
  return Number((Math.round(clamped / param.step) * param.step).toFixed(decimals));
}

/** The sampling part of an OpenAI-style request body: every parameter, under its upstream name. */
export function toUpstreamFields(params: SamplingParams): Record<string, number | string[]> {
  const body: Record<string, number | string[]> = {};
  for (const p of NUMERIC_PARAMS) body[p.upstream] = params[p.key];
  if (params.seed !== undefined) body[SEED_PARAM.upstream] = params.seed;
  // The advanced settings only when set: unset leaves the upstream's default.
  for (const p of ADVANCED_NUMERIC_PARAMS) if (params[p.key] !== undefined) body[p.upstream] = params[p.key]!;
  if (params.stop?.length) body[STOP_PARAM.upstream] = params.stop;
  return body;
}

/**
 * The sampling part of an Anthropic Messages body: the parameters that API has, clamped to its
 * ranges (temperature 0–1 there). Penalties (repetition too) and seed have no equivalent and are left out;
 * top_k and stop_sequences exist there.
 */
export function toAnthropicFields(params: SamplingParams): Record<string, number | string[]> {
  const body: Record<string, number | string[]> = {};
  for (const p of NUMERIC_PARAMS) if (p.anthropic) body[p.anthropic.field] = Math.min(params[p.key], p.anthropic.max);
  for (const p of ADVANCED_NUMERIC_PARAMS) {
    const value = params[p.key];
    if (p.anthropic && value !== undefined) body[p.anthropic.field] = Math.min(value, p.anthropic.max);
  }
  if (params.stop?.length) body[STOP_PARAM.anthropic.field] = params.stop;
  return body;
}
