/**
 * What the engine's text becomes, by what the request asked for: plain text; one JSON value
 * (JSON mode, a schema) that ends generation once complete; or function calls, streamed as
 * tool-call deltas. With tool choice "auto" the model may answer in text or call: a reply that
 * opens with "[" is held back until its JSON completes, then becomes calls if it is a valid list
 * of calls to the offered functions, or is released as the text it was.
 */
import type { FinishReason, StreamEvent } from "../chat/events";
import type { FunctionDefinition } from "../chat/request";
import { JsonProgress } from "./json-progress";
import { ToolCallStream } from "./tool-call-stream";

export type ShapeMode = "text" | "json" | "tools" | "auto-tools";

export interface Shaped {
  events: StreamEvent[];
  /** Set when the reply is complete: generation stops with this reason. */
  finished?: FinishReason;
}

export class ReplyShaper {
  private mode: ShapeMode;
  private progress = new JsonProgress();
  private readonly calls: ToolCallStream;
  private held = "";
  private emittedAny = false;

  constructor(
    mode: ShapeMode,
    private readonly tools: readonly FunctionDefinition[],
    newId: () => string,
  ) {
    this.mode = mode;
    this.calls = new ToolCallStream(newId);
  }

  /** Text passes through untouched: the engine skips the shaper on its per-token path. */
  get passesText(): boolean {
    return this.mode === "text";
  }

  push(text: string): Shaped {
    switch (this.mode) {
      case "text":
        return { events: text ? [{ type: "text-delta", text }] : [] };
      case "json": {
        const taken = text.slice(0, this.progress.push(text));
        return { events: taken ? [{ type: "text-delta", text: taken }] : [], ...(this.progress.complete ? { finished: "stop" as const } : {}) };
      }
      case "tools": {
        const taken = text.slice(0, this.progress.push(text));
        return { events: this.calls.push(taken), ...(this.progress.complete ? { finished: "tool_calls" as const } : {}) };
      }
      case "auto-tools":
        return this.pushUndecided(text);
    }
  }

  /** The reply ended (end of sequence, Max Tokens): what is still held back goes out as text. */
  end(): StreamEvent[] {
    if (this.mode !== "auto-tools" || !this.held) return [];
    const text = this.held;
    this.held = "";
    return [{ type: "text-delta", text }];
  }

  private pushUndecided(text: string): Shaped {
    if (!this.emittedAny && !this.held && !text.trimStart()) return { events: [{ type: "text-delta", text }] };
    if (!this.held && (this.emittedAny || !text.trimStart().startsWith("["))) {
      this.mode = "text";
      this.emittedAny = true;
      return { events: [{ type: "text-delta", text }] };
    }
    const taken = text.slice(0, this.progress.push(text));
    this.held += taken;
    if (!this.progress.complete) return { events: [] };
    const held = this.held;
    this.held = "";
    if (isCallList(held, this.tools)) return { events: this.calls.push(held), finished: "tool_calls" };
    // Valid JSON, but not calls: it was text after all, and so is what follows.
    this.mode = "text";
    this.emittedAny = true;
    const rest = text.slice(taken.length);
    return { events: [{ type: "text-delta", text: held + rest }] };
  }
}

function isCallList(text: string, tools: readonly FunctionDefinition[]): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((c) => typeof c === "object" && c !== null && tools.some((t) => t.name === (c as { name?: unknown }).name) && "arguments" in c)
    );
  } catch {
    return false;
  }
}
