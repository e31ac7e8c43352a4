"use client";
import Link from "next/link";
import { useId, useState } from "react";
import type { VariableSpec } from "@/lib/prompts/prompt";

/**
 * The template's variables as a form (each with its default), and "Use this prompt": the playground
 * opens the prompt with these values filled in, ready to change and send.
 */
export function UseThisPrompt({ id, variables }: { id: string; variables: readonly VariableSpec[] }) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(variables.map((v) => [v.name, v.default ?? ""])));
  const formId = useId();
  const query = new URLSearchParams({ share: id });
  for (const [name, value] of Object.entries(values)) if (value) query.set(`var.${name}`, value);
  return (
    <div className="mt-3 space-y-3">
      {variables.length ? (
        <fieldset className="grid gap-2 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-semibold">Variables</legend>
          {variables.map((v) => (
            <div key={v.name} className="space-y-1">
              <label htmlFor={`${formId}-${v.name}`} className="font-mono text-sm font-medium">
                {v.name}
              </label>
              {v.type === "choice" && v.choices?.length ? (
                <select id={`${formId}-${v.name}`} className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={values[v.name]} onChange={(e) => setValues((s) => ({ ...s, [v.name]: e.target.value }))}>
                  <option value="">Choose…</option>
                  {v.choices.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              ) : v.type === "long-text" ? (
                <textarea id={`${formId}-${v.name}`} rows={3} className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={values[v.name]} onChange={(e) => setValues((s) => ({ ...s, [v.name]: e.target.value }))} />
              ) : (
                <input id={`${formId}-${v.name}`} type={v.type === "number" ? "number" : "text"} className="w-full rounded border border-line bg-bg px-2 py-1 text-sm" value={values[v.name]} onChange={(e) => setValues((s) => ({ ...s, [v.name]: e.target.value }))} />
              )}
              {v.description ? <p className="text-xs text-muted">{v.description}</p> : null}
            </div>
          ))}
        </fieldset>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/?${query}`} className="btn-primary" prefetch={false}>
          Use this prompt
        </Link>
        <span className="text-sm text-muted">Opens it in the playground with its settings, variables ready to fill. This page never changes.</span>
      </div>
    </div>
  );
}
