"use client";
import { BadVariables } from "../prompts/bad-variables";
import { useId } from "react";
import { NUMERIC_PARAMS, SEED_PARAM, SYSTEM_MESSAGE_MAX_LENGTH } from "@/lib/params";
import { useCapabilities } from "@/lib/hooks/use-models";
import { useParamsStore } from "@/lib/store/params-store";
import { FunctionsSection } from "./functions-section";
import { AdvancedSection } from "./advanced-section";
import { ModelPicker } from "./model-picker";
import { ParamSlider } from "./param-slider";
import { ResponseFormatSection } from "./response-format-section";

/** Generated from the parameter table: a new row there is a new control here. */
export function ParamPanel() {
  const { systemMessage, params, setSystemMessage, setParam, setSeed, reset } = useParamsStore();
  const systemId = useId();
  const seedId = useId();
  const capabilities = useCapabilities();
  const seedIgnored = capabilities?.seed === false;

  return (
    <section aria-labelledby="parameters-heading" className="space-y-5">
      <div className="flex items-center justify-between">
        <h2 id="parameters-heading" className="text-base font-semibold">
          Parameters
        </h2>
        <button type="button" className="btn-quiet" onClick={reset}>
          Reset to defaults
        </button>
      </div>

      <ModelPicker />

      <div className="space-y-1">
        <label htmlFor={systemId} className="text-sm font-medium">
          System Message
        </label>
        <textarea
          id={systemId}
          rows={4}
          maxLength={SYSTEM_MESSAGE_MAX_LENGTH}
          className="w-full resize-y rounded border border-line bg-bg p-2 text-sm"
          value={systemMessage}
          onChange={(e) => setSystemMessage(e.target.value)}
          aria-describedby={`${systemId}-help`}
        />
        <p id={`${systemId}-help`} className="text-xs text-muted">
          Instructions the model follows for the whole conversation (folded into the first turn, as Mixtral expects). Write {"{{name}}"} for a variable.
        </p>
        <BadVariables text={systemMessage} />
      </div>

      {NUMERIC_PARAMS.map((param) => (
        <ParamSlider
          key={param.key}
          param={param}
          value={params[param.key]}
          // The serving engine's window, when smaller than Mixtral's (the embedded engine's LOCAL_CONTEXT_SIZE).
          max={param.key === "maxTokens" && capabilities ? Math.min(param.max, capabilities.contextWindow) : undefined}
          onChange={(v) => setParam(param.key, v)}
        />
      ))}

      <div className="space-y-1">
        <label htmlFor={seedId} className="text-sm font-medium">
          {SEED_PARAM.label}
        </label>
        <input
          id={seedId}
          type="number"
          inputMode="numeric"
          placeholder="random"
          min={SEED_PARAM.min}
          max={SEED_PARAM.max}
          step={1}
          disabled={seedIgnored}
          className="w-full rounded border border-line bg-bg px-2 py-1 text-sm disabled:opacity-50"
          value={params.seed ?? ""}
          onChange={(e) => {
            const n = Number(e.target.value);
            setSeed(e.target.value === "" || !Number.isInteger(n) ? undefined : Math.min(SEED_PARAM.max, Math.max(SEED_PARAM.min, n)));
          }}
          aria-describedby={`${seedId}-help`}
        />
        <p id={`${seedId}-help`} className="text-xs text-muted">
          {seedIgnored ? "This upstream does not accept a seed, so replies cannot be repeated exactly." : SEED_PARAM.help}
        </p>
      </div>

      <ResponseFormatSection />
      <FunctionsSection />
      <AdvancedSection />
    </section>
  );
}
