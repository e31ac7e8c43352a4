import "server-only";
import { getEnv } from "../env";
import { getProvider } from "../providers/registry";
import type { CodeExportContext, Dialect, SnippetTarget } from "./targets";

/** The variable snippets read an access key from (ACCESS_KEYS). */
export const PLAYGROUND_KEY_ENV = "PLAYGROUND_API_KEY";

/**
 * "This server" in View code. Never the upstream address the server talks to (that is private
 * and may be internal): an explicit PUBLIC_API_BASE_URL, or else this app's own
 * OpenAI-compatible /api/v1 (a path: the browser knows the origin it sees), which serves
 * whatever provider is configured, the embedded engine included, in both dialects (OpenAI's at
 * /api/v1, Anthropic's at /api).
 */
export function thisServerTarget(): SnippetTarget | null {
  const env = getEnv();
  const { kind, model, capabilities } = getProvider().info;
  if (env.PUBLIC_API_BASE_URL) {
    const baseUrl = env.PUBLIC_API_BASE_URL.replace(/\/+$/, "");
    const keyEnv =
      kind === "modelslab"
        ? "MODELSLAB_API_KEY"
        : kind === "openai-compatible" && env.OPENAI_API_KEY
          ? "OPENAI_API_KEY"
          : kind === "anthropic-compatible" && env.ANTHROPIC_API_KEY
            ? "ANTHROPIC_API_KEY"
            : null;
    const dialects: Dialect[] = kind === "modelslab" ? ["openai", "anthropic"] : kind === "anthropic-compatible" ? ["anthropic"] : ["openai"];
    return { id: "this-server", label: `This server (${new URL(baseUrl).host})`, baseUrl, keyEnv, dialects, model };
  }
  // This app's own API, both dialects, with the caller's access key when keys are configured.
  return {
    id: "this-server",
    label: kind === "local" ? "This server (local engine)" : "This server (playground API)",
    baseUrl: "/api/v1",
    anthropicBaseUrl: "/api",
    keyEnv: env.accessKeys.length ? PLAYGROUND_KEY_ENV : null,
    dialects: ["openai", "anthropic"],
    model,
    contextWindow: capabilities.contextWindow,
  };
}

export const codeExportContext = (): CodeExportContext => ({
  thisServer: thisServerTarget(),
  servesModelsLab: getProvider().info.kind === "modelslab",
});
