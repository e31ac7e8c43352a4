/** Prices we know: the seed page's, for Mixtral. Other models (from the picker) show no cost. */
import { MODEL } from "./facts";
import type { Prices } from "./pricing";

export const MIXTRAL_PRICES: Prices = { inputPerMillion: MODEL.inputPricePerMillion, outputPerMillion: MODEL.outputPricePerMillion };

export const pricesFor = (modelId: string | undefined): Prices | null => (!modelId || modelId === MODEL.id ? MIXTRAL_PRICES : null);
