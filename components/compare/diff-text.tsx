"use client";
import { useMemo } from "react";
import { sideOf, wordDiff } from "@/lib/diff/word-diff";
import { DiffParts } from "../diff/diff-parts";

/**
 * A reply as plain text with the words the other column lacks marked: struck through on the
 * first column of the pair, underlined on the second, so the marks do not rely on colour alone.
 */
export function DiffText({ text, other, side, otherName }: { text: string; other: string; side: "first" | "second"; otherName: string }) {
  const parts = useMemo(() => sideOf(side === "first" ? wordDiff(text, other) : wordDiff(other, text), side), [text, other, side]);
  return (
    <div>
      <p className="mb-1 text-xs text-muted">
        Marked: words not in {otherName}. Plain text while differences are shown.
      </p>
      <p className="whitespace-pre-wrap break-words text-sm" data-testid="diff-text">
        <DiffParts parts={parts} />
      </p>
    </div>
  );
}
