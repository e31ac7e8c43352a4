/**
 * The embedded engine's stop sequences: the reply's text pieces pass through a stop matcher
 * (lib/stop-sequences/matcher), which holds back what could be the start of a sequence, and each
 * piece's log-probability entries wait with it, so the entries sent always add up to the text
 * sent (the probabilities view walks the tokens along the text).
 *
 * A piece's entries are released once all of the piece's text is released. When a stop cuts
 * through a piece (a token " ab" with the stop "b"), its last entry keeps only the text before the
 * cut: the reply ends inside that token, and its entry says exactly what of it is in the reply.
 * Pieces wholly inside or after the stop are dropped with their entries.
 */
import type { StreamEvent, TokenLogprob } from "../chat/events";
import { createStopMatcher } from "./matcher";

interface HeldPiece {
  /** The piece's text (its entries' texts add up to it). */
  text: string;
  entries: TokenLogprob[];
}

export interface StopFilter {
  /** A piece of text and, with probabilities on, the entries of the tokens that made it. */
  push(text: string, entries?: TokenLogprob[]): { events: StreamEvent[]; stopped: boolean; sequence?: string };
  /** The reply ended without a stop: everything held back, as events. */
  flush(): StreamEvent[];
}

export function createStopFilter(sequences: readonly string[]): StopFilter {
  const matcher = createStopMatcher(sequences);
  const held: HeldPiece[] = [];
  // Characters of held[0]'s text already emitted (a piece can be released in parts).
  let emittedOfFirst = 0;

  /** The events for `text` just released, with the entries of every piece it completes. */
  function release(text: string, stopped: boolean): StreamEvent[] {
    const entries: TokenLogprob[] = [];
    let budget = emittedOfFirst + text.length;
    while (held.length && held[0].text.length <= budget) {
      const piece = held.shift()!;
      budget -= piece.text.length;
      entries.push(...piece.entries);
    }
    emittedOfFirst = budget;
    if (stopped) {
      // The piece the stop cut through: its tokens up to the one holding the cut, that one's text shortened.
      const cut = held[0];
      if (cut && budget > 0) {
        let left = budget;
        for (const entry of cut.entries) {
          if (left <= 0) break;
          entries.push(entry.token.length <= left ? entry : { ...entry, token: entry.token.slice(0, left) });
          left -= entry.token.length;
        }
      }
      held.length = 0;
      emittedOfFirst = 0;
    }
    const events: StreamEvent[] = text ? [{ type: "text-delta", text }] : [];
    if (entries.length) events.push({ type: "logprobs", tokens: entries });
    return events;
  }

  return {
    push(text, entries) {
      if (entries) held.push({ text, entries });
      const result = matcher.push(text);
      const events: StreamEvent[] = entries ? release(result.text, result.stopped) : result.text ? [{ type: "text-delta", text: result.text }] : [];
      return { events, stopped: result.stopped, ...(result.sequence !== undefined ? { sequence: result.sequence } : {}) };
    },
    flush() {
      const rest = matcher.flush();
      return held.length || rest ? release(rest, false) : [];
    },
  };
}
