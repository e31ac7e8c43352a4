import "server-only";
import { getEnv } from "../env";
import { getProvider } from "../providers/registry";
import { MODELSLAB_BASE_URL, type CodeExportContext, type SnippetTarget } from "./targets";

/** Drops credentials a base URL may carry (user:pass@host): a snippet must never hold a secret. */
const publicUrl = (raw: string) => {
  const url = new URL(raw);
  url.username = "";
  url.password = "";
  return url.toString().replace(/\/+$/, "");
};

/**
 * "This server" in View code: the upstream the playground serves from, when it is not ModelsLab
 * itself. The embedded engine is reached through this app's OpenAI-compatible /api/v1 (a path:
 * the browser knows the origin it sees).
 */
export function thisServerTarget(): SnippetTarget | null {
  const env = getEnv();
  const { kind, model } = getProvider().info;
  if (kind === "openai-compatible" && env.OPENAI_BASE_URL) {
    const baseUrl = publicUrl(env.OPENAI_BASE_URL);
    return {
      id: "this-server",
      label: `This server (${new URL(baseUrl).host})`,
      baseUrl,
      keyEnv: env.OPENAI_API_KEY ? "OPENAI_API_KEY" : null,
      dialects: ["openai"],
      model,
    };
  }
  if (kind === "modelslab" && publicUrl(env.MODELSLAB_BASE_URL) !== MODELSLAB_BASE_URL) {
    const baseUrl = publicUrl(env.MODELSLAB_BASE_URL);
    return { id: "this-server", label: `This server (${new URL(baseUrl).host})`, baseUrl, keyEnv: "MODELSLAB_API_KEY", dialects: ["openai", "anthropic"], model };
  }
  if (kind === "local") {
    return { id: "this-server", label: "This server (local engine)", baseUrl: "/api/v1", keyEnv: null, dialects: ["openai"], model };
  }
  return null;
}

export const codeExportContext = (): CodeExportContext => ({
  thisServer: thisServerTarget(),
  servesModelsLab: getProvider().info.kind === "modelslab",
});
