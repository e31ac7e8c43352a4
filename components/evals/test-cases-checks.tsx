"use client";
import { useId, useState } from "react";
import { checkProblem, describeCheck } from "@/lib/evals/checks";
import { addCheck, CHECK_KINDS, REGEX_FLAGS, removeCheck, TEST_SET_CAPS, type Check, type CheckKind, type NewCheck, type TestSet } from "@/lib/evals/test-set";

const KIND_NAMES: Record<CheckKind, string> = {
  contains: "contains",
  "not-contains": "does not contain",
  regex: "matches a regex",
  equals: "equals",
  "json-valid": "is valid JSON",
  "json-schema": "matches a JSON schema",
  length: "length in characters",
  tokens: "length in tokens",
};

interface Draft {
  kind: CheckKind;
  text: string;
  anyCase: boolean;
  flags: string;
  schema: string;
  min: string;
  max: string;
}

const EMPTY: Draft = { kind: "contains", text: "", anyCase: true, flags: "", schema: '{\n  "type": "object"\n}', min: "", max: "" };

const bound = (value: string) => (value.trim() === "" ? undefined : Number(value));

/** The check a draft describes, or why it cannot be one yet (a schema that is not JSON). */
function toCheck(draft: Draft): { check: NewCheck } | { problem: string } {
  switch (draft.kind) {
    case "contains":
    case "not-contains":
    case "equals":
      return { check: { kind: draft.kind, text: draft.text, caseSensitive: !draft.anyCase } };
    case "regex":
      return { check: { kind: "regex", pattern: draft.text, flags: draft.flags } };
    case "json-valid":
      return { check: { kind: "json-valid" } };
    case "json-schema": {
      try {
        return { check: { kind: "json-schema", schema: JSON.parse(draft.schema) as Record<string, unknown> } };
      } catch (error) {
        return { problem: `The schema is not JSON: ${(error as Error).message}` };
      }
    }
    case "length":
    case "tokens": {
      const [min, max] = [bound(draft.min), bound(draft.max)];
      return { check: { kind: draft.kind, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) } };
    }
  }
}

function problemOf(draft: Draft): string | null {
  const made = toCheck(draft);
  return "problem" in made ? made.problem : checkProblem({ ...made.check, id: "new" } as Check);
}

/** The checks every reply is held to: the list, and a form to add one (its fault shown where it is typed). */
export function TestCasesChecks({ set, onChange }: { set: TestSet; onChange(next: TestSet): void }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const problem = problemOf(draft);
  const shown = (touched || submitted) && problem;
  const full = set.checks.length >= TEST_SET_CAPS.checks;
  const edit = (change: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setTouched(true);
  };
  const field = "w-full rounded border border-line bg-bg px-2 py-1 text-sm";
  const invalid = shown ? { "aria-invalid": true, "aria-describedby": `${id}-problem` } : {};

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2">
      <h3 id={`${id}-title`} className="text-base font-semibold">
        Checks
      </h3>
      {set.checks.length ? (
        <ul aria-label="Checks" className="space-y-1 text-sm">
          {set.checks.map((check) => (
            <li key={check.id} className="flex flex-wrap items-center gap-2">
              <span>Reply {describeCheck(check)}</span>
              <button type="button" className="btn-quiet" aria-label={`Remove check: ${describeCheck(check)}`} onClick={() => onChange(removeCheck(set, check.id))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted">No checks yet: add one to see pass or fail on every reply.</p>
      )}
      <form
        aria-label="Add a check"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          const made = toCheck(draft);
          if (problem || "problem" in made) return;
          onChange(addCheck(set, made.check));
          setDraft({ ...EMPTY, kind: draft.kind });
          setTouched(false);
          setSubmitted(false);
        }}
      >
        <div className="space-y-1">
          <label htmlFor={`${id}-kind`} className="block text-sm font-medium">
            Check kind
          </label>
          <select id={`${id}-kind`} className={field} value={draft.kind} onChange={(e) => (setDraft({ ...EMPTY, kind: e.target.value as CheckKind }), setTouched(false), setSubmitted(false))}>
            {CHECK_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                Reply {KIND_NAMES[kind]}
              </option>
            ))}
          </select>
        </div>
        {draft.kind === "contains" || draft.kind === "not-contains" || draft.kind === "equals" || draft.kind === "regex" ? (
          <div className="min-w-48 flex-1 space-y-1">
            <label htmlFor={`${id}-text`} className="block text-sm font-medium">
              {draft.kind === "regex" ? "Pattern" : "Text"}
            </label>
            <input id={`${id}-text`} className={`${field} ${draft.kind === "regex" ? "font-mono" : ""}`} value={draft.text} onChange={(e) => edit({ text: e.target.value })} {...invalid} />
          </div>
        ) : null}
        {draft.kind === "contains" || draft.kind === "not-contains" || draft.kind === "equals" ? (
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={draft.anyCase} onChange={(e) => edit({ anyCase: e.target.checked })} />
            Any case
          </label>
        ) : null}
        {draft.kind === "regex" ? (
          <fieldset className="flex items-center gap-2 text-sm">
            <legend className="sr-only">Flags</legend>
            {[...REGEX_FLAGS].map((flag) => (
              <label key={flag} className="flex items-center gap-1 font-mono">
                <input
                  type="checkbox"
                  checked={draft.flags.includes(flag)}
                  onChange={(e) => edit({ flags: [...REGEX_FLAGS].filter((f) => (f === flag ? e.target.checked : draft.flags.includes(f))).join("") })}
                />
                {flag}
              </label>
            ))}
          </fieldset>
        ) : null}
        {draft.kind === "json-schema" ? (
          <div className="w-full space-y-1">
            <label htmlFor={`${id}-schema`} className="block text-sm font-medium">
              JSON schema
            </label>
            <textarea id={`${id}-schema`} rows={4} className={`${field} font-mono`} value={draft.schema} onChange={(e) => edit({ schema: e.target.value })} {...invalid} />
          </div>
        ) : null}
        {draft.kind === "length" || draft.kind === "tokens" ? (
          <>
            <div className="w-28 space-y-1">
              <label htmlFor={`${id}-min`} className="block text-sm font-medium">
                At least
              </label>
              <input id={`${id}-min`} type="number" min={0} step={1} className={field} value={draft.min} onChange={(e) => edit({ min: e.target.value })} {...invalid} />
            </div>
            <div className="w-28 space-y-1">
              <label htmlFor={`${id}-max`} className="block text-sm font-medium">
                At most
              </label>
              <input id={`${id}-max`} type="number" min={0} step={1} className={field} value={draft.max} onChange={(e) => edit({ max: e.target.value })} {...invalid} />
            </div>
          </>
        ) : null}
        <button type="submit" className="btn-quiet border border-line" disabled={full}>
          Add check
        </button>
        {shown ? (
          <p id={`${id}-problem`} role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
            {problem}
          </p>
        ) : null}
        {full ? <p className="w-full text-sm text-muted">A test set may have at most {TEST_SET_CAPS.checks} checks.</p> : null}
      </form>
    </section>
  );
}
