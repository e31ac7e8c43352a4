import type { DiffPart } from "@/lib/diff/word-diff";

/**
 * A word diff's parts inline: removed words struck through, added ones underlined (the browser's
 * own <del> and <ins>), so the marks do not rely on colour alone. Put it in an element that keeps
 * white space (whitespace-pre-wrap).
 */
export function DiffParts({ parts }: { parts: readonly DiffPart[] }) {
  return parts.map((part, i) =>
    part.kind === "same" ? (
      part.text
    ) : part.kind === "removed" ? (
      <del key={i} className="rounded-sm bg-red-100 text-red-950 decoration-red-700 dark:bg-red-950/60 dark:text-red-100">
        {part.text}
      </del>
    ) : (
      <ins key={i} className="rounded-sm bg-emerald-100 text-emerald-950 decoration-emerald-700 dark:bg-emerald-950/60 dark:text-emerald-100">
        {part.text}
      </ins>
    ),
  );
}
