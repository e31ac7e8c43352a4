"use client";
import type { Spread } from "@/lib/evals/sample-spread";
import { percent } from "./spread-summary";

export interface SpreadMember {
  /** The sample's number, from 1, within its setting. */
  number: number;
  seed?: number;
  text: string;
}

/**
 * The answers grouped, largest group first: its share, one example, and the samples in it (each
 * with its seed and "Open as conversation").
 */
export function SpreadGroups<M extends SpreadMember>({ spread, members, onOpen, label }: { spread: Spread; members: readonly M[]; onOpen(member: M): void; label: string }) {
  return (
    <ol aria-label={label} className="space-y-2">
      {spread.groups.map((group, g) => (
        <li key={g} aria-label={`Group ${g + 1}`} className="rounded-lg border border-line p-2 text-sm">
          <p className="font-medium">
            Group {g + 1}: {group.samples.length} of {spread.samples} ({percent(group.samples.length / spread.samples)})
            {group.variants > 1 ? <span className="font-normal text-muted"> · {group.variants} near-identical variants</span> : null}
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words rounded bg-subtle px-2 py-1" data-testid="group-example">
            {group.text || <span className="text-muted">(empty reply)</span>}
          </p>
          <details className="mt-1">
            <summary className="cursor-pointer text-muted">
              Show its {group.samples.length} {group.samples.length === 1 ? "sample" : "samples"}
            </summary>
            <ul className="mt-1 space-y-1" aria-label={`Samples in group ${g + 1}`}>
              {group.samples.map((i) => {
                const member = members[i];
                return (
                  <li key={i} className="rounded border border-line p-1.5">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="text-xs text-muted">
                        Sample {member.number}
                        {member.seed !== undefined ? ` · seed ${member.seed}` : ""}
                      </span>
                      <button type="button" className="btn-quiet border border-line" onClick={() => onOpen(member)}>
                        Open as conversation<span className="sr-only"> (sample {member.number})</span>
                      </button>
                    </div>
                    <p className="mt-1 whitespace-pre-wrap break-words">{member.text || <span className="text-muted">(empty reply)</span>}</p>
                  </li>
                );
              })}
            </ul>
          </details>
        </li>
      ))}
    </ol>
  );
}
