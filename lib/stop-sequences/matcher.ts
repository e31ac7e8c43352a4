/**
 * Finds stop sequences in text that arrives in pieces (tokens, batches), where a sequence can be
 * split across any number of pieces. Text that could still be the start of a sequence is held
 * back until the next piece decides it; everything else is released at once, so streaming is
 * delayed only by what might be a stop. Pure, with no dependencies: the embedded engine uses it
 * (lib/stop-sequences/stream-filter), and it is tested on its own.
 *
 * Matching is on UTF-16 code units, exactly as typed: no Unicode normalisation (an "é" typed
 * precomposed does not match "e" + combining accent), as OpenAI-compatible servers behave. A held
 * suffix is always a prefix of a well-formed sequence, so a surrogate pair is never split.
 */

export interface StopMatch {
  /** Text decided not to be (part of) a stop sequence: safe to emit. */
  text: string;
  /** A whole sequence was found: `text` ends right before it and nothing more may be emitted. */
  stopped: boolean;
  /** When `stopped`: the sequence that was found (Anthropic's API reports it). */
  sequence?: string;
}

export interface StopMatcher {
  push(piece: string): StopMatch;
  /** The stream ended without a stop: what was held back is plain text after all. */
  flush(): string;
}

/** The length of the longest suffix of `text` that is a proper prefix of one of `sequences`. */
function heldLength(text: string, sequences: readonly string[]): number {
  let longest = 0;
  for (const sequence of sequences) {
    // A suffix longer than the sequence minus one cannot be a proper prefix of it.
    for (let n = Math.min(sequence.length - 1, text.length); n > longest; n--) {
      if (text.endsWith(sequence.slice(0, n))) {
        longest = n;
        break;
      }
    }
  }
  return longest;
}

export function createStopMatcher(sequences: readonly string[]): StopMatcher {
  const stops = sequences.filter((s) => s.length > 0);
  let held = "";
  let stopped = false;
  return {
    push(piece) {
      if (stopped) return { text: "", stopped: true };
      if (!stops.length) return { text: piece, stopped: false };
      const text = held + piece;
      // The earliest complete sequence wins (the reply ends at the first stop in it).
      let at = -1;
      let found = "";
      for (const stop of stops) {
        const i = text.indexOf(stop);
        if (i !== -1 && (at === -1 || i < at)) {
          at = i;
          found = stop;
        }
      }
      if (at !== -1) {
        stopped = true;
        held = "";
        return { text: text.slice(0, at), stopped: true, sequence: found };
      }
      const keep = heldLength(text, stops);
      held = text.slice(text.length - keep);
      return { text: text.slice(0, text.length - keep), stopped: false };
    },
    flush() {
      const rest = stopped ? "" : held;
      held = "";
      return rest;
    },
  };
}
