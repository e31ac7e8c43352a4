/** Where a code snippet sends its request, and how it authenticates. */
import { MODELSLAB_BASE_URL } from "../model/facts";

export type Dialect = "openai" | "anthropic";

export interface SnippetTarget {
  id: "modelslab" | "this-server";
  label: string;
  baseUrl: string;
  /** Where the Anthropic SDK's base URL is when it differs (this app: /api, beside OpenAI's /api/v1). */
  anthropicBaseUrl?: string;
  /** Environment variable the snippet reads the key from; null when the server needs none. */
  keyEnv: string | null;
  dialects: Dialect[];
  /** The model id this target serves; ModelsLab's is the page's model (or the one picked). */
  model?: string;
  /** The served model's context window in tokens, when it is not Mixtral's 32,768 (the embedded engine's is its own). */
  contextWindow?: number;
}

export { MODELSLAB_BASE_URL };

export const MODELSLAB_TARGET: SnippetTarget = {
  id: "modelslab",
  label: "ModelsLab",
  baseUrl: MODELSLAB_BASE_URL,
  keyEnv: "MODELSLAB_API_KEY",
  dialects: ["openai", "anthropic"],
};

export const DIALECT_PATHS: Record<Dialect, string> = { openai: "/chat/completions", anthropic: "/v1/messages" };

export const DIALECT_LABELS: Record<Dialect, string> = {
  openai: "OpenAI-compatible",
  anthropic: "Anthropic-compatible",
};

/** The base URL a client of `dialect` is given (an SDK's baseURL), without a trailing slash. */
export const baseUrlOf = (target: SnippetTarget, dialect: Dialect) => ((dialect === "anthropic" && target.anthropicBaseUrl) || target.baseUrl).replace(/\/+$/, "");

export const endpointOf = (target: SnippetTarget, dialect: Dialect) => `${baseUrlOf(target, dialect)}${DIALECT_PATHS[dialect]}`;

/** What the server tells the View code dialog about the upstream it serves from. */
export interface CodeExportContext {
  thisServer: SnippetTarget | null;
  /** The playground serves from ModelsLab: a picked model applies to ModelsLab snippets too. */
  servesModelsLab: boolean;
}
