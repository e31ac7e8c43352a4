import type { VersionDiff } from "@/lib/prompts/version-diff";
import { DiffParts } from "../diff/diff-parts";

/**
 * What two versions sent differently, beyond the one-line summary: each text word by word (the
 * library's diff: removed words struck through, added ones underlined), and each setting that
 * differs with both values. Server-rendered on the share page too, so no client code.
 */
export function AbDifferences({ diff, names }: { diff: VersionDiff; names: readonly [string, string] }) {
  if (!diff.texts.length && !diff.settings.length) return null;
  return (
    <div className="space-y-2 text-sm" data-testid="ab-differences">
      {diff.texts.length ? (
        <p className="text-xs text-muted">
          From {names[0]} to {names[1]}: words only in {names[0]} struck through, words only in {names[1]} underlined.
        </p>
      ) : null}
      {diff.texts.map((change) => (
        <div key={change.field}>
          <p className="font-medium">{change.field}</p>
          <p className="whitespace-pre-wrap break-words rounded border border-line p-2">
            <DiffParts parts={change.parts} />
          </p>
        </div>
      ))}
      {diff.settings.length ? (
        <table className="w-full text-left text-sm">
          <caption className="text-left text-xs text-muted">Settings that differ</caption>
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
            {diff.settings.map((s) => (
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
      ) : null}
    </div>
  );
}
