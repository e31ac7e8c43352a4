"use client";
import { useState, type FormEvent } from "react";
import { ApiError, requestJson } from "@/lib/client/json-api";

/** Asked once per browser when the server sets ACCESS_KEYS; the cookie it earns is httpOnly. */
export function AccessGate() {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await requestJson("/api/access", { method: "POST", body: { code } });
      window.location.reload();
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : "Could not check the code.");
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="mx-auto mt-8 max-w-md space-y-3 rounded-xl border border-line p-4" aria-labelledby="access-title">
      <h2 id="access-title" className="text-lg font-semibold">
        Access code
      </h2>
      <p className="text-sm text-muted">This playground is private. Enter the access code you were given; this browser will remember it.</p>
      <label className="block space-y-1">
        <span className="text-sm font-medium">Access code</span>
        <input
          type="password"
          autoComplete="current-password"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          className="w-full rounded-md border border-line bg-transparent px-2 py-1.5"
          aria-describedby={error ? "access-error" : undefined}
        />
      </label>
      {error ? (
        <p id="access-error" role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn-primary" disabled={busy || !code}>
        {busy ? "Checking…" : "Continue"}
      </button>
    </form>
  );
}
