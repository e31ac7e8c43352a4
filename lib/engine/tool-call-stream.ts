/**
 * Turns the model's streamed calls, a JSON array `[{"name": "f", "arguments": {…}}, …]`, into
 * tool-call-delta events as the text arrives: a call's id and name as soon as its name is
 * complete, then its arguments' JSON text piece by piece. Character by character, like the
 * OpenAI stream a browser or SDK client already knows how to assemble.
 */
import type { StreamEvent } from "../chat/events";

type ToolCallDelta = Extract<StreamEvent, { type: "tool-call-delta" }>;

export class ToolCallStream {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private stringText = "";
  /** The key at the call object's level (depth 2) whose value comes next. */
  private key: string | undefined;
  private expectingKey = false;
  /** Capturing the arguments value: the depth it started at. */
  private argumentsFrom: number | undefined;
  private index = -1;
  private named = false;
  /** Arguments text seen before the call's name (key order is the grammar's; this copes either way). */
  private pendingArguments = "";

  constructor(private readonly newId: () => string) {}

  /** Events for the next piece of the model's text. */
  push(text: string): ToolCallDelta[] {
    const events: ToolCallDelta[] = [];
    let args = "";
    const flushArguments = () => {
      if (!args) return;
      if (this.named) events.push({ type: "tool-call-delta", index: this.index, argumentsDelta: args });
      else this.pendingArguments += args;
      args = "";
    };
    for (const c of text) {
      const capturing = this.argumentsFrom !== undefined;
      if (capturing) args += c;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          this.endString(events, flushArguments);
        } else if (!capturing || this.depth === 2) this.stringText += c;
        if (this.argumentsFrom !== undefined && this.depth === this.argumentsFrom && !this.inString) this.endArguments(flushArguments);
        continue;
      }
      if (c === '"') {
        this.inString = true;
        this.stringText = "";
        if (this.depth === 2 && this.key === "arguments" && this.argumentsFrom === undefined) this.startArguments(c, (t) => (args += t));
      } else if (c === "{" || c === "[") {
        if (this.depth === 1 && c === "{") this.startCall();
        else if (this.depth === 2 && this.key === "arguments" && this.argumentsFrom === undefined) this.startArguments(c, (t) => (args += t));
        this.depth++;
        if (this.depth === 2) this.expectingKey = true;
      } else if (c === "}" || c === "]") {
        this.depth--;
        if (this.argumentsFrom !== undefined && this.depth === this.argumentsFrom) this.endArguments(flushArguments);
      } else if (c === ",") {
        if (this.depth === 2) {
          this.expectingKey = true;
          this.key = undefined;
        }
      } else if (c === ":") {
        if (this.depth === 2) this.expectingKey = false;
      } else if (this.depth === 2 && this.key === "arguments" && this.argumentsFrom === undefined && !/\s/.test(c)) {
        // A number, true, false or null as the arguments: unusual, but still JSON text to pass on.
        this.startArguments(c, (t) => (args += t));
      }
    }
    flushArguments();
    return events;
  }

  private startCall() {
    this.index++;
    this.named = false;
    this.pendingArguments = "";
    this.key = undefined;
  }

  private startArguments(first: string, add: (t: string) => void) {
    this.argumentsFrom = this.depth;
    add(first);
  }

  private endArguments(flush: () => void) {
    this.argumentsFrom = undefined;
    this.key = undefined;
    flush();
  }

  private endString(events: ToolCallDelta[], flush: () => void) {
    if (this.depth !== 2 || this.argumentsFrom !== undefined) return;
    if (this.expectingKey) {
      this.key = this.stringText;
      return;
    }
    if (this.key === "name" && !this.named) {
      flush();
      this.named = true;
      events.push({ type: "tool-call-delta", index: this.index, id: this.newId(), name: this.stringText, argumentsDelta: this.pendingArguments });
      this.pendingArguments = "";
    }
  }
}
