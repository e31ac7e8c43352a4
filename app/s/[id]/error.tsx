"use client";

/** The share page failed to load (storage unavailable): say so, and offer to try again. */
export default function ShareError({ reset }: { error: Error; reset(): void }) {
  return (
    <main className="mx-auto max-w-xl space-y-3 px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">This shared conversation could not be loaded</h1>
      <p className="text-muted">The server could not reach its share storage. The link itself is fine: try again in a moment.</p>
      <button type="button" className="btn-primary" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
