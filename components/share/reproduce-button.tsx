"use client";
import { useParams } from "next/navigation";
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import type { ErrorEvent, Warning } from "@/lib/chat/events";
import { streamReproduction } from "@/lib/client/reproduce-stream";
import type { compareReproduction } from "@/lib/diff/reply-divergence";
import { DiffParts } from "../diff/diff-parts";

type Comparison = ReturnType<typeof compareReproduction>;

type State =
  | { step: "idle" }
  | { step: "running"; words: number }
  | { step: "done"; comparison: Comparison; words: number; stopped: boolean; warnings: Warning[] }
  | { step: "failed"; error: Pick<ErrorEvent, "message" | "retryAfter"> };

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;
const quoted = (word: string | null, ended: string) => (word === null ? ended : `“${word}”`);

/** No Reproduce before the page is hydrated: without JavaScript the button could do nothing. */
const noSubscription = () => () => {};
const useHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false);

/**
 * Reproduce on a shared reply: the server sends the reply's request again (the share is the
 * source of truth: only the reply's signature goes up) and streams the new reply; this compares
 * it with the shared text, word by word. jsdiff loads only when a run ends.
 */
export function ReproduceButton({ signature, text, sharedStopped, seedIgnored }: { signature: string; text: string; sharedStopped: boolean; seedIgnored: boolean }) {
  const { id: shareId } = useParams<{ id: string }>();
  const hydrated = useHydrated();
  const hintId = useId();
  const [state, setState] = useState<State>({ step: "idle" });
  const running = useRef<AbortController | null>(null);
  // Leaving the page stops the run, and with it the upstream.
  useEffect(() => () => running.current?.abort(), []);

  async function reproduce() {
    const controller = new AbortController();
    running.current = controller;
    setState({ step: "running", words: 0 });
    let reply = "";
    const warnings: Warning[] = [];
    let failure: ErrorEvent | undefined;
    let stopped = false;
    for await (const batch of streamReproduction(shareId, signature, controller.signal)) {
      for (const event of batch) {
        if (event.type === "text-delta") reply += event.text;
        else if (event.type === "warnings") warnings.push(...event.warnings);
        else if (event.type === "error") failure = event;
        else if (event.type === "finish") stopped = event.reason === "abort";
      }
      setState({ step: "running", words: countWords(reply) });
    }
    running.current = null;
    if (failure) return setState({ step: "failed", error: failure });
    let compare: typeof compareReproduction;
    try {
      ({ compareReproduction: compare } = await import("@/lib/diff/reply-divergence"));
    } catch {
      return setState({ step: "failed", error: { message: "The comparison could not be loaded. Reload the page and try again." } });
    }
    setState({ step: "done", comparison: compare(text, reply, { sharedStopped, reproductionStopped: stopped }), words: countWords(reply), stopped, warnings });
  }

  if (!hydrated || !shareId) return null;
  const seedNotTaken = seedIgnored || (state.step === "done" && state.warnings.some((w) => w.setting === "Seed"));
  const otherWarnings = state.step === "done" ? state.warnings.filter((w) => w.setting !== "Seed") : [];
  return (
    <div className="mt-2 space-y-1 text-sm" data-testid="reproduce">
      <div className="flex flex-wrap items-center gap-2">
        {state.step === "running" ? (
          <button type="button" className="btn-quiet border border-line" onClick={() => running.current?.abort()}>
            Stop
          </button>
        ) : (
          <button type="button" className="btn-quiet border border-line" aria-describedby={hintId} onClick={() => void reproduce()}>
            {state.step === "idle" ? "Reproduce" : "Reproduce again"}
          </button>
        )}
        <span id={hintId} className="text-xs text-muted">
          Sends this reply&apos;s request again, with its seed and settings, to this server&apos;s upstream, and compares.
        </span>
      </div>
      {seedNotTaken ? (
        <p className="text-xs font-medium text-amber-800 dark:text-amber-200" data-testid="reproduce-seed-ignored">
          This server&apos;s upstream ignores seeds: a different reply does not mean the share was altered.
        </p>
      ) : null}
      {/* Announced at the start and at the end; the running count stays outside, or it would be read out at every step. */}
      <div role="status" className="font-medium" data-testid="reproduce-result">
        {state.step === "running" ? <span className="font-normal text-muted">Reproducing…</span> : null}
        {state.step === "done" ? <Verdict {...state} sharedStopped={sharedStopped} /> : null}
      </div>
      {state.step === "running" ? (
        <p className="text-xs text-muted" data-testid="reproduce-progress">
          {state.words} words so far
        </p>
      ) : null}
      {otherWarnings.length ? (
        <p className="text-xs text-amber-800 dark:text-amber-200">
          Not applied by this upstream: {otherWarnings.map((w) => w.setting).join(", ")}. The reply may differ for that reason.
        </p>
      ) : null}
      {state.step === "failed" ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          Could not reproduce: {state.error.message}
          {state.error.retryAfter && !/try again/i.test(state.error.message) ? ` Try again in ${state.error.retryAfter} s.` : ""}
        </p>
      ) : null}
      {state.step === "done" && state.comparison.parts.length ? (
        <figure className="space-y-1">
          <figcaption className="text-xs text-muted">Word diff: struck through, only in the shared reply; underlined, only in the reproduction.</figcaption>
          <p className="whitespace-pre-wrap break-words rounded border border-line p-2" data-testid="reproduce-diff">
            <DiffParts parts={state.comparison.parts} />
          </p>
        </figure>
      ) : null}
    </div>
  );
}

function Verdict({ comparison: { divergence }, words, stopped, sharedStopped }: { comparison: Comparison; words: number; stopped: boolean; sharedStopped: boolean }) {
  const prefix = stopped ? `Stopped after ${words} words. ` : "";
  if (divergence.identical) {
    if (stopped) return <>{prefix}Identical so far.</>;
    return <>{sharedStopped ? "Identical up to where the shared reply was stopped." : "Identical: this server's upstream wrote the same reply, word for word."}</>;
  }
  if (divergence.spacingOnly) return <>{prefix}Differs only in spacing, from word {divergence.word}.</>;
  return (
    <>
      {prefix}Differs from word {divergence.word}: {quoted(divergence.shared, "the shared reply ends")} in the share, {quoted(divergence.reproduced, "the reproduction ends")} now.
    </>
  );
}
