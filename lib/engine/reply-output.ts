/**
 * Where the reply's released text goes: through the stop sequences (lib/stop-sequences), then the
 * reply shaper (JSON, function calls); and how the reply ended, for its last events.
 */
import type { FinishReason, StreamEvent, TokenLogprob, Usage } from "../chat/events";
import type { StopFilter } from "../stop-sequences/stream-filter";
import type { ReplyShaper } from "./reply-shaper";

/** Text events through the reply shaper (JSON, function calls); other events pass as they are. */
function shapeAll(shaper: ReplyShaper, events: StreamEvent[]): { events: StreamEvent[]; finished?: FinishReason } {
  // Plain text (most replies): no copy, no object per event on the per-token path.
  if (shaper.passesText) return { events };
  const out: StreamEvent[] = [];
  let finished: FinishReason | undefined;
  for (const event of events) {
    if (event.type !== "text-delta") out.push(event);
    else if (!finished) {
      const shaped = shaper.push(event.text);
      out.push(...shaped.events);
      finished = shaped.finished;
    }
  }
  return { events: out, ...(finished ? { finished } : {}) };
}

export class ReplyOutput {
  private stopped = false;
  // Which stop sequence ended the reply, for the finish event.
  private stopSequence: string | undefined;
  // The shaper ended the reply (its JSON or its calls are complete).
  private shapedDone = false;
  private reason: FinishReason = "stop";

  /** `stops`: text that could begin a stop sequence waits there (with its tokens' entries) until decided. */
  constructor(
    private readonly stops: StopFilter,
    private readonly shaper: ReplyShaper,
  ) {}

  /** A stop sequence or the shaper ended the reply: generation stops. */
  get ended(): boolean {
    return this.stopped || this.shapedDone;
  }

  /** The events for the next released text, with its tokens' entries when probabilities were asked for. */
  push(text: string, entries: TokenLogprob[] | undefined): StreamEvent[] {
    const piece = this.stops.push(text, entries);
    const shaped = shapeAll(this.shaper, piece.events);
    if (piece.stopped) {
      this.stopped = true;
      this.stopSequence = piece.sequence;
    } else if (shaped.finished) {
      this.reason = shaped.finished;
      this.shapedDone = true;
    }
    return shaped.events;
  }

  /** Generation stopped at Max Tokens (or the context's room). */
  maxTokensReached(): void {
    this.reason = "length";
  }

  /**
   * The reply's last events: unless it already ended, the text of bytes still held (`tail`) and
   * what the stop matcher held back; then what the shaper holds, the usage and the finish.
   */
  end(tail: { text: string; entries?: TokenLogprob[] } | undefined, usage: Usage): StreamEvent[] {
    const ending: StreamEvent[] = [];
    if (!this.ended) {
      // Bytes of a character still held when generation ended, then what the stop matcher held back.
      const last = tail ? this.stops.push(tail.text, tail.entries) : undefined;
      const rest = shapeAll(this.shaper, [...(last?.events ?? []), ...(last?.stopped ? [] : this.stops.flush())]);
      ending.push(...rest.events);
      this.stopped = last?.stopped ?? false;
      this.stopSequence = last?.sequence;
      if (rest.finished) this.reason = rest.finished;
    }
    ending.push(...this.shaper.end());
    ending.push({ type: "usage", usage });
    ending.push(this.stopped ? { type: "finish", reason: "stop", ...(this.stopSequence !== undefined ? { stopSequence: this.stopSequence } : {}) } : { type: "finish", reason: this.reason });
    return ending;
  }
}
