"use client";
import { useId, useState } from "react";
import type { VariableSpec, VariableType } from "@/lib/prompts/prompt";
import { specOf, usePromptSessionStore } from "@/lib/store/prompt-session-store";

const TYPE_LABELS: Record<VariableType, string> = { text: "Text", "long-text": "Long text", number: "Number", choice: "One of a list" };

/**
 * The region named "Variables": one labelled input per `{{name}}` the prompt uses (label = the
 * name), shaped by the variable's type, with its default as the placeholder. Each variable's type,
 * default, description and choices are set under its "Settings" and saved with the prompt.
 */
export function VariablesPanel({ names, missing }: { names: readonly string[]; missing: readonly string[] }) {
  const headingId = useId();
  if (!names.length) return null;
  return (
    <section aria-labelledby={headingId} className="mb-3 rounded-lg border border-line p-2">
      <h3 id={headingId} className="mb-1 text-sm font-semibold">
        Variables
      </h3>
      <div className="grid gap-2 sm:grid-cols-2">
        {names.map((name) => (
          <VariableField key={name} name={name} missing={missing.includes(name)} />
        ))}
      </div>
    </section>
  );
}

function VariableField({ name, missing }: { name: string; missing: boolean }) {
  const id = useId();
  // The stored spec (a stable reference), or plain text: a selector must not make a new object each call.
  const stored = usePromptSessionStore((s) => s.specs[name]);
  const spec = stored ?? specOf({}, name);
  const value = usePromptSessionStore((s) => s.values[name] ?? "");
  const setValue = usePromptSessionStore((s) => s.setValue);
  const [editing, setEditing] = useState(false);
  const described = [spec.description ? `${id}-description` : "", missing ? `${id}-missing` : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, value, "aria-describedby": described, "aria-invalid": missing || undefined, onChange: (e: { target: { value: string } }) => setValue(name, e.target.value) };
  const field = "w-full rounded border border-line bg-bg px-2 py-1 text-sm";
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="font-mono text-sm font-medium">
          {name}
        </label>
        <button type="button" className="btn-quiet text-xs" aria-expanded={editing} aria-label={`Settings of ${name}`} onClick={() => setEditing((e) => !e)}>
          Settings
        </button>
      </div>
      {spec.type === "long-text" ? (
        <textarea {...common} rows={3} placeholder={spec.default} className={`${field} resize-y`} />
      ) : spec.type === "choice" && spec.choices?.length ? (
        <select {...common} className={field}>
          <option value="">{spec.default ? `Default: ${spec.default}` : "Choose…"}</option>
          {spec.choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={spec.type === "number" ? "number" : "text"} inputMode={spec.type === "number" ? "decimal" : undefined} placeholder={spec.default} className={field} />
      )}
      {spec.description ? (
        <p id={`${id}-description`} className="text-xs text-muted">
          {spec.description}
        </p>
      ) : null}
      {missing ? (
        <p id={`${id}-missing`} className="text-xs font-medium text-amber-700 dark:text-amber-300">
          Needs a value
        </p>
      ) : null}
      {editing ? <VariableSettings spec={spec} /> : null}
    </div>
  );
}

function VariableSettings({ spec }: { spec: VariableSpec }) {
  const setSpec = usePromptSessionStore((s) => s.setSpec);
  // The text as typed (a new line is a choice still to come); the spec keeps the parsed list.
  const [choicesText, setChoicesText] = useState((spec.choices ?? []).join("\n"));
  const ids = { type: useId(), default: useId(), description: useId(), choices: useId() };
  const update = (patch: Partial<VariableSpec>) => {
    const next = { ...spec, ...patch };
    for (const key of ["default", "description"] as const) if (!next[key]) delete next[key];
    if (!next.choices?.length) delete next.choices;
    setSpec(next);
  };
  const field = "w-full rounded border border-line bg-bg px-2 py-1 text-xs";
  return (
    <fieldset className="space-y-1 rounded border border-line p-2 text-xs">
      <legend className="px-1 font-medium">Settings of {spec.name}</legend>
      <label htmlFor={ids.type} className="block">
        Type
      </label>
      <select id={ids.type} className={field} value={spec.type} onChange={(e) => update({ type: e.target.value as VariableType })}>
        {Object.entries(TYPE_LABELS).map(([type, label]) => (
          <option key={type} value={type}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor={ids.default} className="block">
        Default value
      </label>
      <input id={ids.default} className={field} value={spec.default ?? ""} onChange={(e) => update({ default: e.target.value })} />
      <label htmlFor={ids.description} className="block">
        Description
      </label>
      <input id={ids.description} className={field} value={spec.description ?? ""} onChange={(e) => update({ description: e.target.value })} />
      {spec.type === "choice" ? (
        <>
          <label htmlFor={ids.choices} className="block">
            Choices (one per line)
          </label>
          <textarea
            id={ids.choices}
            rows={3}
            className={field}
            value={choicesText}
            onChange={(e) => {
              setChoicesText(e.target.value);
              update({ choices: e.target.value.split("\n").map((c) => c.trim()).filter(Boolean).slice(0, 50) });
            }}
          />
        </>
      ) : null}
    </fieldset>
  );
}
