"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { PROMPTS_KEY, usePrompt, usePromptLibrary } from "@/lib/hooks/use-prompt-library";
import { contentOf, type Prompt, type PromptVersion } from "@/lib/prompts/prompt";
import { diffVersions } from "@/lib/prompts/version-diff";
import { SettingsDiffTable, TextChanges } from "../diff/version-changes";
import { ShareForm } from "../share/share-dialog";

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
const LABEL = /^[A-Za-z0-9_.-]{1,40}$/;

type VersionsProps = { onBack(): void; onOpen(prompt: Prompt, version: PromptVersion): void };

/** A prompt's versions: notes and dates, a diff of any two, labels, Open and Restore. */
export function PromptVersions({ id, ...props }: { id: string } & VersionsProps) {
  const prompt = usePrompt(id);
  if (prompt.data) return <VersionsOf prompt={prompt.data} {...props} />;
  const problem = prompt.error ? `This prompt could not be read: ${(prompt.error as Error).message}` : prompt.data === null ? "This prompt is no longer in the library (deleted in another tab?)." : null;
  return (
    <div className="space-y-2">
      <p role={problem ? "alert" : "status"} className={problem ? "text-sm font-medium text-red-700 dark:text-red-300" : "text-sm text-muted"}>
        {problem ?? "Loading its versions…"}
      </p>
      <button type="button" className="btn-quiet" onClick={props.onBack}>
        Back to prompts
      </button>
    </div>
  );
}

function VersionsOf({ prompt, onBack, onOpen }: { prompt: Prompt } & VersionsProps) {
  const queries = useQueryClient();
  const library = usePromptLibrary();
  const ids = { from: useId(), to: useId(), label: useId(), labelVersion: useId() };
  const newest = prompt.versions.at(-1)!.version;
  const [from, setFrom] = useState(prompt.versions.at(-2)?.version ?? newest);
  const [to, setTo] = useState(newest);
  const [label, setLabel] = useState("");
  const [labelVersion, setLabelVersion] = useState(newest);
  const [status, setStatus] = useState<{ kind: "done" | "error"; text: string } | null>(null);
  const [sharing, setSharing] = useState<number | null>(null);
  const byNumber = (n: number) => prompt.versions.find((v) => v.version === n)!;
  const diff = useMemo(() => diffVersions(byNumber(from), byNumber(to)), [prompt, from, to]); // eslint-disable-line react-hooks/exhaustive-deps
  const labelsOf = (n: number) => Object.entries(prompt.labels).filter(([, v]) => v === n).map(([l]) => l);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setStatus({ kind: "done", text: done });
      void queries.invalidateQueries({ queryKey: PROMPTS_KEY });
    } catch (error) {
      setStatus({ kind: "error", text: (error as Error).message });
    }
  };
  const restore = (version: PromptVersion) => {
    void act(() => library.addVersion(prompt.id, contentOf(version), `Restored from version ${version.version}`), `Version ${version.version} restored as version ${newest + 1}.`);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="break-words font-semibold">Versions of “{prompt.name}”</h3>
        <button type="button" className="btn-quiet" onClick={onBack}>
          Back to prompts
        </button>
      </div>
      <p role="status" className={status?.kind === "error" ? "text-sm font-medium text-red-700 dark:text-red-300" : "text-sm"}>
        {status?.text}
      </p>

      <ol className="divide-y divide-line" aria-label="Versions">
        {[...prompt.versions].reverse().map((version) => (
          <li key={version.version} className="flex flex-wrap items-start justify-between gap-2 py-2">
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-medium">
                Version {version.version}
                {version.version === newest ? " (latest)" : ""}
                {labelsOf(version.version).map((l) => (
                  <span key={l} className="ml-2 rounded border border-line px-1 text-xs">
                    {l}
                  </span>
                ))}
              </p>
              <p className="text-xs text-muted">{when(version.createdAt)}</p>
              {version.note ? <p className="break-words">{version.note}</p> : null}
            </div>
            <div className="flex gap-1" role="group" aria-label={`Actions for version ${version.version}`}>
              <button type="button" className="btn-quiet" onClick={() => onOpen(prompt, version)}>
                Open
              </button>
              {version.version !== newest ? (
                <button type="button" className="btn-quiet" onClick={() => restore(version)}>
                  Restore
                </button>
              ) : null}
              <button type="button" className="btn-quiet" aria-expanded={sharing === version.version} onClick={() => setSharing(sharing === version.version ? null : version.version)}>
                Share as template
              </button>
            </div>
          </li>
        ))}
      </ol>

      {sharing !== null ? (
        <section aria-label={`Share version ${sharing} as a template`} className="rounded border border-line p-2">
          <ShareForm
            canShare
            description={`A link to version ${sharing} of “${prompt.name}” as a template: its settings, turns and variables (with their defaults), and a “Use this prompt” button that opens it in the playground. The link never changes, and you can revoke it.`}
            content={() => templateShare(prompt, byNumber(sharing))}
            title={() => `Prompt: ${prompt.name} (version ${sharing})`}
          />
        </section>
      ) : null}

      <section aria-labelledby={`${ids.from}-heading`} className="space-y-2">
        <h4 id={`${ids.from}-heading`} className="text-sm font-semibold">
          Compare versions
        </h4>
        <div className="flex flex-wrap items-end gap-2 text-sm">
          <VersionSelect id={ids.from} label="From version" value={from} versions={prompt.versions} onChange={setFrom} />
          <VersionSelect id={ids.to} label="To version" value={to} versions={prompt.versions} onChange={setTo} />
        </div>
        <div data-testid="version-diff" className="space-y-2 text-sm">
          {!diff.texts.length && !diff.settings.length ? <p className="text-muted">No differences.</p> : null}
          <TextChanges texts={diff.texts} />
          <SettingsDiffTable settings={diff.settings} names={[`Version ${from}`, `Version ${to}`]} caption="Settings that changed" captionShown={false} />
        </div>
      </section>

      <form
        className="flex flex-wrap items-end gap-2 text-sm"
        aria-label="Labels"
        onSubmit={(e) => {
          e.preventDefault();
          const name = label.trim();
          if (name === "latest") return setStatus({ kind: "error", text: '"latest" always means the newest version; choose another label.' });
          if (!LABEL.test(name)) return setStatus({ kind: "error", text: "A label is 1 to 40 letters, digits, _ . or -." });
          void act(() => library.setLabel(prompt.id, name, labelVersion), `Label "${name}" now points at version ${labelVersion}.`);
          setLabel("");
        }}
      >
        <div className="space-y-1">
          <label htmlFor={ids.label} className="block font-medium">
            Label
          </label>
          <input id={ids.label} className="rounded border border-line bg-bg px-2 py-1" placeholder="production" value={label} onChange={(e) => setLabel(e.target.value)} />
        </div>
        <VersionSelect id={ids.labelVersion} label="On version" value={labelVersion} versions={prompt.versions} onChange={setLabelVersion} />
        <button type="submit" className="btn-quiet border border-line">
          Set label
        </button>
        {Object.keys(prompt.labels).map((l) => (
          <button key={l} type="button" className="btn-quiet" onClick={() => void act(() => library.setLabel(prompt.id, l, null), `Label "${l}" removed.`)}>
            Remove label {l}
          </button>
        ))}
      </form>
    </div>
  );
}

/** What a template link holds: the version's request, and its name, options and variables. */
function templateShare(prompt: Prompt, version: PromptVersion) {
  return {
    systemMessage: version.systemMessage,
    params: version.params,
    messages: version.messages,
    ...(version.model ? { model: version.model } : {}),
    template: { name: prompt.name, ...(prompt.description ? { description: prompt.description } : {}), ...(version.options ? { options: version.options } : {}), variables: version.variables },
  };
}

function VersionSelect({ id, label, value, versions, onChange }: { id: string; label: string; value: number; versions: readonly PromptVersion[]; onChange(n: number): void }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select id={id} className="rounded border border-line bg-bg px-2 py-1" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version}
            {v.note ? `: ${v.note.slice(0, 40)}` : ""}
          </option>
        ))}
      </select>
    </div>
  );
}
