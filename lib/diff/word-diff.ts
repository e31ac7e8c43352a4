/**
 * Word-by-word differences between two replies. The text is cut into words, spaces and
 * punctuation by the browser's own Unicode word segmentation (Intl.Segmenter, which also handles
 * scripts without spaces, such as Chinese, and keeps emoji sequences whole), and the two
 * sequences are compared by jsdiff's array diff.
 */
import { diffArrays } from "diff";

export interface DiffPart {
  text: string;
  /** "same" in both; "removed": only in the first text; "added": only in the second. */
  kind: "same" | "removed" | "added";
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

export function segmentWords(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * Beyond this many edits the texts have little in common, and finding the smallest edit costs
 * time that grows with its square (seconds for two unrelated 1,000-word replies; 400 edits cost ~25 ms here): past it, the
 * shared start and end are kept and everything between is marked as changed.
 */
const MAX_EDITS = 400;

/** The parts of both texts in order; joining the "same" and "removed" parts gives `a` back, "same" and "added" gives `b`. */
export function wordDiff(a: string, b: string): DiffPart[] {
  const first = segmentWords(a);
  const second = segmentWords(b);
  const changes = diffArrays(first, second, { maxEditLength: MAX_EDITS }) ?? coarseChanges(first, second);
  const parts: DiffPart[] = [];
  for (const change of changes) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    const text = change.value.join("");
    // Adjacent parts of one kind are one run (jsdiff may split them).
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else if (text) parts.push({ text, kind });
  }
  return parts;
}

/** Shared start, one removed and one added block, shared end. */
function coarseChanges(first: string[], second: string[]) {
  let start = 0;
  while (start < first.length && start < second.length && first[start] === second[start]) start++;
  let end = 0;
  while (end < first.length - start && end < second.length - start && first[first.length - 1 - end] === second[second.length - 1 - end]) end++;
  return [
    { value: first.slice(0, start) },
    { value: first.slice(start, first.length - end), removed: true },
    { value: second.slice(start, second.length - end), added: true },
    { value: first.slice(first.length - end) },
  ];
}

/** The parts one side shows: the first text marks what the second lacks, and the other way round. */
export function sideOf(parts: DiffPart[], side: "first" | "second"): DiffPart[] {
  const hidden = side === "first" ? "added" : "removed";
  return parts.filter((p) => p.kind !== hidden);
}
