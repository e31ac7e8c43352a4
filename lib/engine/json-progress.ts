/**
 * Where a streamed JSON value ends. The engine's grammars make the model write one JSON value;
 * generation stops the moment it is complete, instead of letting a random-weight model pad it
 * with whitespace until Max Tokens. Character by character, strings and escapes respected.
 */
export class JsonProgress {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  complete = false;

  /** Feeds the next piece; returns how many of its characters belong to the value (all, until it completes). */
  push(text: string): number {
    for (let i = 0; i < text.length; i++) {
      if (this.complete) return i;
      const c = text[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.depth === 0) this.complete = true;
        }
        continue;
      }
      if (c === '"') {
        this.inString = true;
        this.started = true;
      } else if (c === "{" || c === "[") {
        this.depth++;
        this.started = true;
      } else if (c === "}" || c === "]") {
        this.depth--;
        if (this.depth === 0 && this.started) this.complete = true;
      }
    }
    return text.length;
  }
}
