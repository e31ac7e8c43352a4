import "server-only";
import { MIXTRAL_PRICES, pricesFor } from "../../model/prices";
import { getProvider } from "../../providers/registry";

const CACHE_MS = 60_000;
let cached: { at: number; ids: string[] } | undefined;

/** The upstream's model list, cached for a minute; throws a readable Error when it cannot be read. */
export async function upstreamModelIds(): Promise<string[]> {
  const provider = getProvider();
  if (!provider.listModels) return [provider.info.model];
  if (!cached || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), ids: await provider.listModels(AbortSignal.timeout(10_000)) };
  return cached.ids;
}

/**
 * The models the configured upstream serves, the configured one first, with known prices (the
 * configured model is the page's Mixtral; others have no published price here). The list is
 * cached for a minute; a failure is shown as a warning beside the configured model.
 */
export async function modelsResponse(): Promise<Response> {
  const provider = getProvider();
  const current = provider.info.model;
  let ids = [current];
  let warning: string | undefined;
  if (provider.listModels) {
    try {
      ids = [current, ...(await upstreamModelIds()).filter((id) => id !== current)];
    } catch (error) {
      warning = `Could not list the upstream's models: ${(error as Error).message}`;
    }
  }
  return Response.json(
    {
      current,
      models: ids.map((id) => ({ id, prices: id === current ? MIXTRAL_PRICES : pricesFor(id) })),
      // What the serving upstream accepts: the panel and the token meter follow it.
      capabilities: provider.info.capabilities,
      ...(warning ? { warning } : {}),
    },
    { headers: { "Cache-Control": "private, max-age=60" } },
  );
}
