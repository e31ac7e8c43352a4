import "server-only";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { MODEL } from "../../model/facts";
import { getProvider } from "../../providers/registry";
import { upstreamModelIds } from "./models-response";

/**
 * The models a request to the served API may name, as `GET /api/v1/models` lists them: exactly
 * what requireAllowedModel lets through (lib/server/limits/models-allowed.ts), the configured model first.
 */
export async function servedModelIds(): Promise<string[]> {
  const current = getProvider().info.model;
  const others = getEnv().modelsAllowed ?? (await upstreamModelIds().catch(() => []));
  return [...new Set([current, ...others])];
}

/** When the page says ModelsLab added the model; no upstream list tells us a date for the others. */
const ADDED = new Date(`${MODEL.added} UTC`);

/**
 * One model in the shape both official SDKs read, so one route serves both: OpenAI's
 * `{id, object: "model", created, owned_by}` (created in Unix seconds) and Anthropic's
 * `{id, type: "model", display_name, created_at}` (RFC 3339). Each SDK ignores the other's fields.
 */
export function modelEntry(id: string) {
  const { info } = getProvider();
  const configured = id === info.model;
  return {
    id,
    object: "model" as const,
    created: Math.floor(ADDED.getTime() / 1000),
    owned_by: configured && !info.isDemo ? MODEL.provider : info.kind,
    type: "model" as const,
    display_name: configured ? (info.isDemo ? "Mixtral demo (random weights, generated here)" : MODEL.title) : id,
    created_at: ADDED.toISOString(),
  };
}

/**
 * The list: OpenAI's `{object: "list", data}` plus Anthropic's page fields (`has_more`,
 * `first_id`, `last_id`). The whole list is one page, so the Anthropic SDK's paging stops at once.
 */
export async function modelList() {
  const data = (await servedModelIds()).map(modelEntry);
  return { object: "list" as const, data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

/** One model, or AppError 404 `model_not_found` for an id this server does not offer. */
export async function servedModel(id: string) {
  if (!(await servedModelIds()).includes(id)) {
    const shown = id.length > 80 ? `${id.slice(0, 80)}…` : id;
    throw new AppError(404, "model_not_found", `The model "${shown}" does not exist on this server.`, [{ field: "model", message: "is not available on this server" }]);
  }
  return modelEntry(id);
}


/**
 * An error for the models routes: Anthropic's shape (`{"type": "error", "error": {type, message}}`)
 * when the caller is an Anthropic client (it always sends `anthropic-version`), else OpenAI's.
 */
export function isAnthropicClient(request: Request) {
  return request.headers.has("anthropic-version");
}
