"use client";
import { useQuery } from "@tanstack/react-query";
import type { ProviderCapabilities } from "../chat/capabilities";
import { MIXTRAL_PRICES } from "../model/prices";
import type { Prices } from "../model/pricing";
import { useParamsStore } from "../store/params-store";
import { requestJson } from "../client/json-api";

export interface ModelsResponse {
  current: string;
  models: { id: string; prices: Prices | null }[];
  capabilities: ProviderCapabilities;
  warning?: string;
}

/** The upstream's models, fetched once per minute at most (the server caches too). */
export const useModels = () =>
  useQuery({ queryKey: ["models"], queryFn: ({ signal }) => requestJson<ModelsResponse>("/api/models", { signal }), staleTime: 60_000 });

/** What the serving upstream accepts; undefined until the server has answered. */
export const useCapabilities = (): ProviderCapabilities | undefined => useModels().data?.capabilities;

/** Prices of the model in use: the page's Mixtral unless another model was picked. */
export function useActivePrices(): Prices | null {
  const picked = useParamsStore((s) => s.model);
  const { data } = useModels();
  if (!picked) return MIXTRAL_PRICES;
  return data?.models.find((m) => m.id === picked)?.prices ?? null;
}
