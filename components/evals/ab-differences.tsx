import type { VersionDiff } from "@/lib/prompts/version-diff";
import { SettingsDiffTable, TextChanges } from "../diff/version-changes";

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
      <TextChanges texts={diff.texts} />
      <SettingsDiffTable settings={diff.settings} names={names} caption="Settings that differ" />
    </div>
  );
}
