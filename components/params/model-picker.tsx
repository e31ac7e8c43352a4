"use client";
import { useId } from "react";
import { useModels } from "@/lib/hooks/use-models";
import { useParamsStore } from "@/lib/store/params-store";

/** Shown when the upstream serves more than one model: switches the model the playground talks to. */
export function ModelPicker() {
  const id = useId();
  const { data } = useModels();
  const picked = useParamsStore((s) => s.model);
  const setModel = useParamsStore((s) => s.setModel);
  if (!data) return null;
  if (data.models.length < 2) {
    return data.warning ? <p className="text-xs text-muted">{data.warning}</p> : null;
  }
  const value = picked && data.models.some((m) => m.id === picked) ? picked : data.current;
  const prices = data.models.find((m) => m.id === value)?.prices;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="text-sm font-medium">
        Model
      </label>
      <select
        id={id}
        className="w-full rounded border border-line bg-bg px-2 py-1.5 text-sm"
        value={value}
        onChange={(e) => setModel(e.target.value === data.current ? undefined : e.target.value)}
      >
        {data.models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.id}
            {m.id === data.current ? " (configured)" : ""}
          </option>
        ))}
      </select>
      <p className="text-xs text-muted" data-testid="model-price">
        {prices ? `$${prices.inputPerMillion.toFixed(2)} / 1M input · $${prices.outputPerMillion.toFixed(2)} / 1M output` : "No published price for this model here: costs are not shown."}
      </p>
    </div>
  );
}
