"use client";
import { useId } from "react";
import { versionChoiceId, versionChoices } from "@/lib/evals/test-run-columns";
import type { OpenPrompt } from "@/lib/hooks/use-open-prompt";
import type { Prompt } from "@/lib/prompts/prompt";

/** Why two versions cannot be picked now, in words; null when they can. */
export function versionsUnavailable({ opened, prompt, loading, error }: OpenPrompt): string | null {
  if (!opened) return "No saved prompt is open: open one with two or more versions (Prompts, then Open) to compare its versions.";
  if (loading) return `Reading “${opened.name}” from the prompt library…`;
  if (error) return `“${opened.name}” could not be read: ${error.message}`;
  if (!prompt) return `“${opened.name}” is no longer in the prompt library.`;
  if (prompt.versions.length < 2) return `“${prompt.name}” has one version: save another (Save prompt) to compare two.`;
  return null;
}

/** The pair picked at first: the newest version against the one before it, as the library's diff starts. */
export function defaultVersionPair(prompt: Prompt | null): [number, number] | null {
  const versions = prompt?.versions;
  return versions && versions.length >= 2 ? [versions.at(-2)!.version, versions.at(-1)!.version] : null;
}

const SIDES = ["First version", "Second version"] as const;

/**
 * The two versions of the open prompt a blind A/B compares: two labelled selects listing every
 * saved version with its number and note (the Test cases view's list), disabled with the reason
 * when there are not two to pick.
 */
export function AbVersionFields({ open, picked, onPicked }: { open: OpenPrompt; picked: readonly [number, number] | null; onPicked(pair: [number, number]): void }) {
  const id = useId();
  const unavailable = versionsUnavailable(open);
  const choices = open.prompt && !unavailable ? versionChoices(open.prompt) : [];
  const versions = open.prompt?.versions ?? [];
  const numberOf = (choiceId: string) => versions.find((v) => versionChoiceId(v.version) === choiceId)?.version;
  const described = [`${id}-help`, unavailable ? `${id}-why` : ""].filter(Boolean).join(" ");
  return (
    <fieldset className="space-y-2 rounded-lg border border-line p-2 text-sm">
      <legend className="px-1 font-medium">{open.prompt && !unavailable ? `Two versions of “${open.prompt.name}”` : "Two versions of the open prompt"}</legend>
      <div className="flex flex-wrap items-end gap-3">
        {SIDES.map((label, side) => (
          <label key={label} className="flex min-w-0 flex-col gap-0.5">
            <span className="text-xs">{label}</span>
            <select
              className="max-w-full rounded border border-line bg-bg px-2 py-1"
              disabled={unavailable !== null}
              aria-describedby={described}
              value={picked ? versionChoiceId(picked[side]) : ""}
              onChange={(e) => {
                const chosen = numberOf(e.target.value);
                if (chosen === undefined || !picked) return;
                onPicked(side === 0 ? [chosen, picked[1]] : [picked[0], chosen]);
              }}
            >
              {choices.length ? (
                choices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.label}
                    {choice.detail ? ` (${choice.detail})` : ""}
                  </option>
                ))
              ) : (
                <option value="">No versions to pick</option>
              )}
            </select>
          </label>
        ))}
      </div>
      {unavailable ? (
        <p id={`${id}-why`} className="text-xs font-medium text-amber-700 dark:text-amber-300">
          {unavailable}
        </p>
      ) : null}
      <p id={`${id}-help`} className="text-xs text-muted">
        Each side sends its version&apos;s System Message, saved turns, parameters, functions and format, then the message above (the conversation&apos;s earlier messages are not sent).
      </p>
    </fieldset>
  );
}
