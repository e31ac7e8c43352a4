"use client";
import { useId, useState } from "react";
import type { ProviderCapabilities } from "@/lib/chat/capabilities";
import { useCapabilities } from "@/lib/hooks/use-models";
import { ADVANCED_NUMERIC_PARAMS, STOP_PARAM, type OptionalNumericParam } from "@/lib/params";
import { useParamsStore } from "@/lib/store/params-store";
import { parseStopInput, showStop } from "@/lib/stop-sequences/text";

/** Why a control is greyed: the serving upstream does not take the setting (capabilities from /api/models). */
const notAccepted = (label: string) => `This upstream does not accept ${label}, so it is not sent.`;

/**
 * "Advanced": what the API takes beyond the page's six parameters, from the parameter table
 * (lib/params.ts ADVANCED_NUMERIC_PARAMS and STOP_PARAM). Collapsed by default; the toggle says
 * how many are set, so a hidden setting in effect is never a surprise.
 */
export function AdvancedSection() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const params = useParamsStore((s) => s.params);
  const capabilities = useCapabilities();
  const set = ADVANCED_NUMERIC_PARAMS.filter((p) => params[p.key] !== undefined).length + (params.stop?.length ? 1 : 0);

  return (
    <div className="border-t border-line pt-3">
      <h3 className="text-sm font-semibold">
        <button
          type="button"
          className="flex w-full items-center justify-between rounded py-1 text-left hover:bg-subtle"
          aria-expanded={open}
          aria-controls={`${id}-advanced`}
          onClick={() => setOpen((o) => !o)}
        >
          <span>
            Advanced
            {set ? <span className="ml-1 font-normal text-muted">({set} set)</span> : null}
          </span>
          <span aria-hidden className="text-muted">
            {open ? "▾" : "▸"}
          </span>
        </button>
      </h3>
      <div id={`${id}-advanced`} hidden={!open} className="space-y-4 pt-2">
        <p className="text-xs text-muted">Settings beyond the page&apos;s six. Empty ones are not sent, so the upstream&apos;s own default applies.</p>
        {ADVANCED_NUMERIC_PARAMS.map((param) => (
          <OptionalNumberInput key={param.key} param={param} value={params[param.key]} capabilities={capabilities} />
        ))}
        <StopSequences stops={params.stop ?? []} disabled={capabilities?.[STOP_PARAM.capability] === false} />
      </div>
    </div>
  );
}

/** A number that may be left empty (not sent); commits on blur or Enter, snapped into range. */
function OptionalNumberInput({ param, value, capabilities }: { param: OptionalNumericParam; value: number | undefined; capabilities?: ProviderCapabilities }) {
  const id = useId();
  const setOptionalParam = useParamsStore((s) => s.setOptionalParam);
  const [draft, setDraft] = useState<string | null>(null);
  const disabled = capabilities?.[param.capability] === false;

  const commit = () => {
    if (draft === null) return;
    const n = Number(draft);
    if (draft.trim() === "") setOptionalParam(param.key, undefined);
    else if (Number.isFinite(n)) setOptionalParam(param.key, n);
    setDraft(null);
  };

  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          {param.label}
        </label>
        <input
          id={id}
          type="number"
          inputMode={param.integer ? "numeric" : "decimal"}
          className="w-24 rounded border border-line bg-bg px-2 py-1 text-right text-sm tabular-nums disabled:opacity-50"
          placeholder={param.placeholder}
          min={param.min}
          max={param.max}
          step={param.step}
          disabled={disabled}
          value={draft ?? (value === undefined ? "" : String(value))}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === "Enter" && commit()}
          aria-describedby={`${id}-help`}
        />
      </div>
      <p id={`${id}-help`} className="text-xs text-muted">
        {disabled ? notAccepted(param.label) : `${param.help} ${param.min}–${param.max}.`}
      </p>
    </div>
  );
}

/** Up to four stop sequences: each added from a text box (Enter or Add), each with its own Remove. */
function StopSequences({ stops, disabled }: { stops: string[]; disabled: boolean }) {
  const id = useId();
  const setStop = useParamsStore((s) => s.setStop);
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const full = stops.length >= STOP_PARAM.maxCount;

  const add = () => {
    const sequence = parseStopInput(draft);
    if (!sequence) return setProblem("Type the text the reply should end before.");
    if (sequence.length > STOP_PARAM.maxLength) return setProblem(`A stop sequence is at most ${STOP_PARAM.maxLength} characters.`);
    if (stops.includes(sequence)) return setProblem(`${showStop(sequence)} is already in the list.`);
    if (full) return setProblem(`At most ${STOP_PARAM.maxCount} stop sequences.`);
    setStop([...stops, sequence]);
    setDraft("");
    setProblem(null);
  };

  return (
    <fieldset className="space-y-2" aria-describedby={`${id}-help`}>
      <legend className="text-sm font-medium">{STOP_PARAM.label}</legend>
      {stops.length ? (
        <ul className="space-y-1" aria-label="Stop sequences in use">
          {stops.map((stop, i) => (
            <li key={`${i}-${stop}`} className="flex items-center justify-between gap-2 rounded border border-line px-2 py-1">
              <code className="min-w-0 break-all text-sm" data-testid="stop-sequence">
                {showStop(stop)}
              </code>
              <button type="button" className="btn-quiet shrink-0" aria-label={`Remove stop sequence ${showStop(stop)}`} onClick={() => setStop(stops.filter((_, j) => j !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="space-y-1">
        <label htmlFor={`${id}-new`} className="text-xs font-medium">
          New stop sequence
        </label>
        <div className="flex gap-2">
          <input
            id={`${id}-new`}
            type="text"
            className="min-w-0 flex-1 rounded border border-line bg-bg px-2 py-1 font-mono text-sm disabled:opacity-50"
            // Escapes (\n) take two characters for one: the limit is checked on the parsed text.
            maxLength={STOP_PARAM.maxLength * 2}
            disabled={disabled || full}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              setProblem(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
            aria-describedby={`${id}-help${problem ? ` ${id}-problem` : ""}`}
            aria-invalid={problem ? true : undefined}
          />
          <button type="button" className="btn-quiet shrink-0 border border-line" disabled={disabled || full || !draft} onClick={add}>
            Add
          </button>
        </div>
      </div>
      {problem ? (
        <p id={`${id}-problem`} role="alert" className="text-xs text-red-700 dark:text-red-300">
          {problem}
        </p>
      ) : null}
      <p id={`${id}-help`} className="text-xs text-muted">
        {disabled
          ? notAccepted(STOP_PARAM.label)
          : full
            ? `${STOP_PARAM.maxCount} of ${STOP_PARAM.maxCount}: remove one to add another.`
            : `${STOP_PARAM.help} Up to ${STOP_PARAM.maxCount}.`}
      </p>
    </fieldset>
  );
}
