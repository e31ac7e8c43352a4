"use client";

/** "Previous version · 2 / 3 · Next version" for a message that an edit or a regenerate gave other versions. */
export function VersionNavigator({ id, position, count, disabled, onStep }: { id: string; position: number; count: number; disabled: boolean; onStep(id: string, step: number): void }) {
  return (
    <div role="group" aria-label="Versions of this message" className="inline-flex items-center gap-1" data-testid="version-navigator">
      <button type="button" className="btn-quiet" aria-label="Previous version" disabled={disabled || position <= 1} onClick={() => onStep(id, -1)}>
        ‹ Previous
      </button>
      <span className="tabular-nums text-muted" aria-label={`Version ${position} of ${count}`}>
        {position} / {count}
      </span>
      <button type="button" className="btn-quiet" aria-label="Next version" disabled={disabled || position >= count} onClick={() => onStep(id, 1)}>
        Next ›
      </button>
    </div>
  );
}
