import type { VersionDiff } from "@/lib/prompts/version-diff";
import { DiffParts } from "./diff-parts";

/** Each text that differs between two versions, word by word, under its field's name. Server-renderable. */
export function TextChanges({ texts }: { texts: VersionDiff["texts"] }) {
  return texts.map((change) => (
    <div key={change.field}>
      <p className="font-medium">{change.field}</p>
      <p className="whitespace-pre-wrap break-words rounded border border-line p-2">
        <DiffParts parts={change.parts} />
      </p>
    </div>
  ));
}

/**
 * Each setting that differs between two versions (or the two sides of a blind A/B), with both
 * values under the sides' names. Server-renderable. `captionShown` false keeps the caption for
 * screen readers only, where a heading nearby already says what the table is.
 */
export function SettingsDiffTable({ settings, names, caption, captionShown = true }: { settings: VersionDiff["settings"]; names: readonly [string, string]; caption: string; captionShown?: boolean }) {
  if (!settings.length) return null;
  return (
    <table className="w-full text-left text-sm">
      <caption className={captionShown ? "text-left text-xs text-muted" : "sr-only"}>{caption}</caption>
      <thead>
        <tr className="text-xs text-muted">
          <th scope="col" className="pr-2 font-medium">
            Setting
          </th>
          <th scope="col" className="pr-2 font-medium">
            {names[0]}
          </th>
          <th scope="col" className="font-medium">
            {names[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {settings.map((s) => (
          <tr key={s.field} className="border-t border-line align-top">
            <th scope="row" className="pr-2 font-medium">
              {s.field}
            </th>
            <td className="break-all pr-2">{s.before}</td>
            <td className="break-all">{s.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
