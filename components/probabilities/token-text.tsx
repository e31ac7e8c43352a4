"use client";
import { memo, useEffect, useMemo, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { TokenLogprob } from "@/lib/chat/events";
import { bandOf, tokenSpans, type TokenSpan } from "@/lib/store/token-spans";
import { tokenLabel } from "./token-label";

interface Props {
  content: string;
  logprobs: readonly TokenLogprob[] | undefined;
  /** The token the user picked when continuing this reply, marked as theirs. */
  pickedAt?: number;
  onOpen(index: number): void;
}

/** Where focus goes from the token that has it. */
const MOVES: Record<string, (at: number, last: number) => number> = {
  ArrowRight: (at, last) => Math.min(last, at + 1),
  ArrowDown: (at, last) => Math.min(last, at + 1),
  ArrowLeft: (at) => Math.max(0, at - 1),
  ArrowUp: (at) => Math.max(0, at - 1),
  Home: () => 0,
  End: (_, last) => last,
};

/** Tokens per rendered piece: with the switch itself, a piece fits in one frame (bench: probabilities). */
const CHUNK = 100;

/**
 * A reply as its tokens, each tinted by its probability. One tab stop for the whole reply (a
 * roving tabindex: arrow keys move between tokens, Enter or Space opens the candidates), so a
 * 2,000-token reply is not 2,000 stops. Events are handled once on the container, and the spans
 * are plain elements in memoised pieces of CHUNK tokens: a streamed token re-renders its piece
 * only. Switching shading on renders the first piece at once and one more per frame, the text
 * of the rest standing in plain until then, so no frame carries the whole reply (bench: probabilities).
 */
export const TokenText = memo(function TokenText({ content, logprobs, pickedAt, onOpen }: Props) {
  const { spans, rest } = useMemo(() => tokenSpans(content, logprobs), [content, logprobs]);
  const chunks = useMemo(() => {
    const list: TokenSpan[][] = [];
    for (let i = 0; i < spans.length; i += CHUNK) list.push(spans.slice(i, i + CHUNK));
    return list;
  }, [spans]);
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= chunks.length) return;
    const frame = requestAnimationFrame(() => setShown((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  }, [shown, chunks.length]);

  const tokenOf = (target: EventTarget) => (target instanceof HTMLElement ? target.closest<HTMLElement>("[data-index]") : null);

  const onClick = (event: MouseEvent) => {
    const token = tokenOf(event.target);
    if (token) onOpen(Number(token.dataset.index));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const token = tokenOf(event.target);
    if (!token) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(Number(token.dataset.index));
      return;
    }
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const all = event.currentTarget.querySelectorAll<HTMLElement>("[data-index]");
    const at = Array.prototype.indexOf.call(all, token) as number;
    const next = all[move(at, all.length - 1)];
    // The roving stop moves with focus; React leaves these attributes alone until the span changes.
    token.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  };

  return (
    <div
      className="token-text"
      role="group"
      aria-label="Reply tokens shaded by probability. Arrow keys move between tokens; Enter shows a token's candidates."
      data-testid="token-text"
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      {chunks.map((chunk, i) =>
        i < shown ? <TokenChunk key={i} spans={chunk} first={i === 0} pickedAt={pickedAt} /> : chunk.map((span) => span.text).join(""),
      )}
      {rest}
    </div>
  );
});

interface ChunkProps {
  spans: TokenSpan[];
  first: boolean;
  pickedAt?: number;
}

/** Unchanged when its tokens are: the span objects are new on every pass, their contents are not. */
const sameChunk = (a: ChunkProps, b: ChunkProps) =>
  a.first === b.first &&
  a.pickedAt === b.pickedAt &&
  a.spans.length === b.spans.length &&
  a.spans.every((s, i) => s.index === b.spans[i].index && s.text === b.spans[i].text && s.probability === b.spans[i].probability);

const TokenChunk = memo(function TokenChunk({ spans, first, pickedAt }: ChunkProps) {
  return spans.map((span, i) => {
    const label = tokenLabel(span.text, span.probability, span.index === pickedAt);
    return (
      <span
        key={span.index}
        className="tok"
        role="button"
        tabIndex={first && i === 0 ? 0 : -1}
        data-index={span.index}
        data-band={bandOf(span.probability)}
        data-picked={span.index === pickedAt ? "" : undefined}
        aria-label={label}
        title={label}
      >
        {span.text}
      </span>
    );
  });
}, sameChunk);
