"use client";
import { useId } from "react";
import { abResultsMarkdown, type AbResultsInput } from "@/lib/evals/ab-results-markdown";
import type { AbVersions } from "@/lib/evals/ab-sides";
import type { AbRound } from "@/lib/evals/blind-ab";
import type { SamplingParams } from "@/lib/params";
import { shorten } from "@/lib/shares/share-text";
import type { SharedMessage } from "@/lib/shares/snapshot";
import { ShareForm } from "../share/share-dialog";
import { CopyButton } from "../ui/copy-button";
import { AbTally } from "./ab-tally";

/** A finished test as the reveal needs it: what was judged, what each side sent, and every round. */
export interface AbRevealed {
  message: string;
  /** Side 1's System Message and model, as sent (filled). */
  systemMessage: string;
  model?: string;
  /** Side 1's messages as a share keeps them: the message judged and what was sent before it. */
  sharedMessages: SharedMessage[];
  params: [SamplingParams, SamplingParams];
  versions?: AbVersions;
  rounds: AbRound[];
}

/** The tally, Copy results (Markdown) and a share link to a page of the results. */
export function AbReveal({ run }: { run: AbRevealed }) {
  const id = useId();
  const sides = run.versions ? "both versions" : "both settings";
  const results: AbResultsInput = {
    message: run.message,
    systemMessage: run.systemMessage,
    ...(run.model ? { model: run.model } : {}),
    settings: run.params,
    rounds: run.rounds,
    ...(run.versions ? { versions: run.versions } : {}),
  };
  return (
    <div className="space-y-3">
      <AbTally results={results} />
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton text={abResultsMarkdown(results)} label="Copy results" className="border border-line" />
        <span className="text-xs text-muted">as Markdown: the message, {sides}, the tally and every round.</span>
      </div>
      <section aria-labelledby={`${id}-share`} className="space-y-2 rounded-lg border border-line p-2">
        <h3 id={`${id}-share`} className="text-sm font-semibold">
          Share the results
        </h3>
        <ShareForm
          canShare
          description={`A link to a page with the message, ${sides}, the tally and every round (the replies are not included). It is listed with your other links in Share.`}
          content={() => ({
            // Variables filled (when the test started), as a shared conversation has them.
            systemMessage: run.systemMessage,
            params: run.params[0],
            ...(run.model ? { model: run.model } : {}),
            messages: run.sharedMessages,
            blindAb: { settings: run.params, rounds: run.rounds, ...(run.versions ? { versions: run.versions } : {}) },
          })}
          title={() => `Blind A/B: ${shorten(run.message, 70)}`}
        />
      </section>
    </div>
  );
}
