/**
 * The one flat parameter table. It drives the parameter panel, the request schema,
 * the upstream request body and the code export: add a parameter here and nowhere else.
 * Labels, defaults and order are the model page's own.
 */
import { MODEL } from "./model-facts";

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

export type NumericParamKey = (typeof NUMERIC_PARAMS)[number]["key"];

export type SamplingParams = Record<NumericParamKey, number> & { seed?: number };

export const DEFAULT_PARAMS: SamplingParams = Object.fromEntries(
  NUMERIC_PARAMS.map((p) => [p.key, p.default]),
) as SamplingParams;

/** Snaps a value into the parameter's range and step, so the UI never holds an invalid value. */
export function clampParam(param: NumericParam, value: number): number {
  if (!Number.isFinite(value)) return param.default;
  const clamped = Math.min(param.max, Math.max(param.min, value));
  if (param.integer) return Math.round(clamped);
  // toFixed keeps 0.7 from becoming 0.7000000000000001 after snapping to the step.
  const decimals = String(param.step).split(".")[1]?.length ?? 0;
  return Number((Math.round(clamped / param.step) * param.step).toFixed(decimals));
}

/** The sampling part of an OpenAI-style request body: every parameter, under its upstream name. */
export function toUpstreamFields(params: SamplingParams): Record<string, number> {
  const body: Record<string, number> = {};
  for (const p of NUMERIC_PARAMS) body[p.upstream] = params[p.key];
  if (params.seed !== undefined) body[SEED_PARAM.upstream] = params.seed;
  return body;
}

/**
 * The sampling part of an Anthropic Messages body: the parameters that API has, clamped to its
 * ranges (temperature 0–1 there). Penalties and seed have no equivalent and are left out.
 */
export function toAnthropicFields(params: SamplingParams): Record<string, number> {
  const body: Record<string, number> = {};
  for (const p of NUMERIC_PARAMS) if (p.anthropic) body[p.anthropic.field] = Math.min(params[p.key], p.anthropic.max);
  return body;
}
