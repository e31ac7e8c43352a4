/**
 * The reply's tokens as text: each piece is read after the tokens before it (a continued reply's
 * last prompt tokens first), as leading-space rules depend on what came before; and a character
 * whose bytes are split across tokens is released only once it is complete.
 */
import type { LlamaModel, Token } from "node-llama-cpp";
import type { TokenLogprob } from "../chat/events";

/** Bytes of one UTF-8 character can be split across tokens: hold them until the character completes. */
const INCOMPLETE_UTF8 = "\uFFFD";
/** A character is at most 4 bytes: 4 held tokens that make none never will, and are released as they are. */
const MAX_HELD_TOKENS = 4;
/** How many tokens before a piece its text depends on. */
const CONTEXT_TOKENS = 8;

/**
 * The entries of tokens that together made `text`: the last carries it, the others (bytes of a
 * character split across tokens) carry "", so the entries' texts always add up to the reply.
 */
export function withText(entries: TokenLogprob[], text: string): TokenLogprob[] {
  return entries.map((entry, i) => ({ ...entry, token: i === entries.length - 1 ? text : "" }));
}

export class Utf8HoldBack {
  /** Tokens whose text has been released, in order (the repeat penalties read them as they grow). */
  readonly released: Token[] = [];
  private readonly held: Token[] = [];
  // Entries of the held tokens, sent with the text they make (logprobs requested only).
  private readonly heldEntries: TokenLogprob[] = [];

  /** `lead`: continuing a reply, its last tokens decide whether the next piece starts with a space. */
  constructor(
    private readonly model: Pick<LlamaModel, "detokenize">,
    private readonly lead: readonly Token[],
  ) {}

  /** Every token taken, released or held: what the reply cost, whether or not its text is sent. */
  get count(): number {
    return this.released.length + this.held.length;
  }

  /**
   * Takes the next token (and its entry, probabilities on): the text of the held tokens once
   * their character is complete, else undefined while it is still held. The entries are taken
   * separately (takeEntries), so the per-token path returns no object.
   */
  push(token: Token, entry: TokenLogprob | undefined): string | undefined {
    this.held.push(token);
    const text = this.model.detokenize(this.held, false, this.recent());
    if (entry) this.heldEntries.push(entry);
    if (text.endsWith(INCOMPLETE_UTF8) && this.held.length < MAX_HELD_TOKENS) return undefined;
    this.released.push(...this.held);
    this.held.length = 0;
    return text;
  }

  /** The entries of the tokens `push` just released as `text`; undefined when no probabilities were given. */
  takeEntries(text: string): TokenLogprob[] | undefined {
    return this.heldEntries.length ? withText(this.heldEntries.splice(0), text) : undefined;
  }

  /** Bytes of a character still held when generation ended, as text with their entries; undefined when none are. */
  heldTail(): { text: string; entries?: TokenLogprob[] } | undefined {
    if (!this.held.length) return undefined;
    const text = this.model.detokenize(this.held, false, this.recent());
    return { text, entries: this.heldEntries.length ? withText(this.heldEntries, text) : undefined };
  }

  /** Text of a candidate token where it would stand: after the released and the held tokens. */
  candidateText(token: Token): string {
    return this.model.detokenize([token], false, [...this.recent(), ...this.held].slice(-CONTEXT_TOKENS));
  }

  /** What a token's text depends on: the last pieces before it (without a lead, no copy of it). */
  private recent(): Token[] {
    return this.lead.length ? [...this.lead, ...this.released].slice(-CONTEXT_TOKENS) : this.released.slice(-CONTEXT_TOKENS);
  }
}
