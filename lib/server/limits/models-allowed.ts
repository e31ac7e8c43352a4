import "server-only";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { getProvider } from "../../providers/registry";
import { upstreamModelIds } from "../models/models-response";

/**
 * A request may name a model other than the configured one (the Model picker, SDK clients), but
 * only one the server offers: MODELS_ALLOWED, or by default the configured model plus what the
 * upstream's models list returns. An unknown id is refused before anything is sent upstream;
 * when the list cannot be read, only the configured model is allowed.
 */
export async function requireAllowedModel(model: string | undefined): Promise<void> {
  if (model === undefined || model === getProvider().info.model) return;
  const listed = getEnv().modelsAllowed ?? new Set(await upstreamModelIds().catch(() => []));
  if (listed.has(model)) return;
  const shown = model.length > 80 ? `${model.slice(0, 80)}…` : model;
  throw new AppError(404, "model_not_found", `The model "${shown}" is not available on this server.`, [{ field: "model", message: "is not available on this server" }]);
}
