/**
 * Grammars by their schema: building one costs milliseconds, and requests repeat their schemas.
 * A grammar that failed to build is forgotten, so the next request with its schema tries again.
 */

/** A JSON Schema, or "json": node-llama-cpp's plain JSON grammar. */
export type GrammarSchema = Record<string, unknown> | "json";

/** How many grammars are kept; past that the oldest is dropped. */
const MAX_GRAMMARS = 64;

export class GrammarCache<Grammar> {
  private readonly grammars = new Map<string, Promise<Grammar>>();

  constructor(private readonly build: (schema: GrammarSchema) => Promise<Grammar>) {}

  get(schema: GrammarSchema): Promise<Grammar> {
    const key = schema === "json" ? "json" : JSON.stringify(schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = this.build(schema);
      grammar.catch(() => this.grammars.delete(key));
      if (this.grammars.size >= MAX_GRAMMARS) this.grammars.delete(this.grammars.keys().next().value!);
      this.grammars.set(key, grammar);
    }
    return grammar;
  }
}
