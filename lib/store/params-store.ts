"use client";
import { create } from "zustand";
import { persist } from "zustand/middleware";
import {
  ADVANCED_NUMERIC_PARAMS,
  clampParam,
  DEFAULT_PARAMS,
  DEFAULT_SYSTEM_MESSAGE,
  NUMERIC_PARAMS,
  STOP_PARAM,
  type NumericParamKey,
  type OptionalNumericParamKey,
  type SamplingParams,
} from "../params";
import { debouncedLocalStorage } from "./debounced-storage";

interface ParamsState {
  systemMessage: string;
  params: SamplingParams;
  /** A model picked from the upstream's list; undefined means the server's configured model. */
  model?: string;
  /** The "Probabilities" toggle: replies ask for per-token log-probabilities and are shown shaded. */
  probabilities: boolean;
  setProbabilities(on: boolean): void;
  setModel(model: string | undefined): void;
  setSystemMessage(text: string): void;
  setParam(key: NumericParamKey, value: number): void;
  setSeed(seed: number | undefined): void;
  /** An Advanced setting; undefined takes it out (not sent). */
  setOptionalParam(key: OptionalNumericParamKey, value: number | undefined): void;
  /** The stop sequences; an empty list takes them out. */
  setStop(stop: string[]): void;
  reset(): void;
  /** Loads a complete set, e.g. from a shared link. */
  load(systemMessage: string, params: SamplingParams): void;
}

export const useParamsStore = create<ParamsState>()(
  persist(
    (set) => ({
      systemMessage: DEFAULT_SYSTEM_MESSAGE,
      params: { ...DEFAULT_PARAMS },
      setSystemMessage: (systemMessage) => set({ systemMessage }),
      setModel: (model) => set({ model }),
      probabilities: false,
      setProbabilities: (probabilities) => set({ probabilities }),
      setParam: (key, value) => {
        const param = NUMERIC_PARAMS.find((p) => p.key === key)!;
        set((s) => ({ params: { ...s.params, [key]: clampParam(param, value) } }));
      },
      setSeed: (seed) =>
        set((s) => {
          const params = { ...s.params };
          if (seed === undefined) delete params.seed;
          else params.seed = seed;
          return { params };
        }),
      setOptionalParam: (key, value) =>
        set((s) => {
          const params = { ...s.params };
          const param = ADVANCED_NUMERIC_PARAMS.find((p) => p.key === key)!;
          if (value === undefined || !Number.isFinite(value)) delete params[key];
          else params[key] = clampParam(param, value);
          return { params };
        }),
      setStop: (stop) =>
        set((s) => {
          const params = { ...s.params };
          const kept = validStops(stop);
          if (kept.length) params.stop = kept;
          else delete params.stop;
          return { params };
        }),
      reset: () => set({ systemMessage: DEFAULT_SYSTEM_MESSAGE, params: { ...DEFAULT_PARAMS } }),
      load: (systemMessage, params) => set({ systemMessage, params: { ...params } }),
    }),
    {
      name: "playground-params",
      version: 1,
      storage: debouncedLocalStorage(),
      skipHydration: true,
      // A stored value from an older table must not break the panel: keep known keys, clamp them.
      merge: (persisted, current) => {
        const p = (persisted ?? {}) as Partial<ParamsState>;
        const params = { ...DEFAULT_PARAMS };
        for (const param of NUMERIC_PARAMS) {
          const v = p.params?.[param.key];
          if (typeof v === "number") params[param.key] = clampParam(param, v);
        }
        if (typeof p.params?.seed === "number") params.seed = p.params.seed;
        for (const param of ADVANCED_NUMERIC_PARAMS) {
          const v = p.params?.[param.key];
          if (typeof v === "number") params[param.key] = clampParam(param, v);
        }
        const stop = Array.isArray(p.params?.stop) ? validStops(p.params.stop) : [];
        if (stop.length) params.stop = stop;
        return {
          ...current,
          systemMessage: typeof p.systemMessage === "string" ? p.systemMessage : current.systemMessage,
          params,
          ...(typeof p.model === "string" ? { model: p.model } : {}),
          probabilities: p.probabilities === true,
        };
      },
    },
  ),
);

/** What the schema accepts: non-empty texts within the length limit, at most four. */
function validStops(stop: readonly unknown[]): string[] {
  return stop.filter((s): s is string => typeof s === "string" && s.length > 0 && s.length <= STOP_PARAM.maxLength).slice(0, STOP_PARAM.maxCount);
}
