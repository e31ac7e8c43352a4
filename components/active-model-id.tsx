"use client";
import { useParamsStore } from "@/lib/store/params-store";

/** The model the playground talks to: the configured one, or the one picked in the Model list. */
export function ActiveModelId({ configured }: { configured: string }) {
  const picked = useParamsStore((s) => s.model);
  return (
    <>
      <code data-testid="active-model">{picked ?? configured}</code>
      {picked ? <span className="text-muted"> (picked)</span> : null}
    </>
  );
}
