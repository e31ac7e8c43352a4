/**
 * Anthropic Messages stream → StreamEvents, as a synchronous state machine like the OpenAI one:
 * the transport feeds it whatever one network read delivered and gets back every event in it.
 * Events come as `event: <type>\ndata: <json>`; the json's own `type` is what we go by (the
 * same), so a gateway that leaves out the `event:` line is read alike. Loose on purpose: only
 * the fields we use, unknown events and delta types (thinking, signatures) ignored.
 *
 * Content blocks are indexed per message; a tool call's index in our events is its ordinal
 * among the message's tool_use blocks (0, 1, …), as OpenAI numbers them, not the block index.
 */
import { createParser } from "eventsource-parser";
import { errorEvent } from "../../chat/errors";
import type { FinishReason, StreamEvent } from "../../chat/events";
import { parseWholeBody } from "../whole-body";
import { anthropicEmbeddedFailure } from "./errors";

/** end_turn and stop_sequence are a normal end; pause_turn, refusal and others are "other". */
export function anthropicFinishReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
      return "length";
    case "tool_use":
      return "tool_calls";
    default:
      return "other";
  }
}

interface Usage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

interface ContentBlock {
  type?: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
}

interface Data {
  type?: string;
  index?: number;
  message?: { usage?: Usage; content?: ContentBlock[]; stop_reason?: string | null; stop_sequence?: string | null };
  content_block?: ContentBlock;
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null; stop_sequence?: string | null };
  usage?: Usage;
}

/** Prompt tokens are all the input: uncached, written to the cache and read from it. */
const promptTokensOf = (u: Usage) => (u.input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);

const inputJson = (input: unknown) => (input && typeof input === "object" && Object.keys(input).length ? JSON.stringify(input) : "");

export interface AnthropicStreamDecoder {
  /** Every event in this piece of the stream; the batch holds the terminal event once one is due. */
  push(text: string): StreamEvent[];
  /** The stream ended: the terminal event, if none was produced yet. */
  end(): StreamEvent[];
  /** A terminal event was produced; later input is ignored. */
  readonly done: boolean;
}

export function createAnthropicStreamDecoder(): AnthropicStreamDecoder {
  let out: StreamEvent[] = [];
  let done = false;
  let finishReason: FinishReason | undefined;
  /** The stop sequence that ended the reply, when the server names it. */
  let stopSequence: string | undefined;
  let promptTokens: number | undefined;
  let completionTokens: number | undefined;
  let usageSent = false;
  /** Open tool_use blocks by block index: their ordinal, and whether arguments came yet. */
  const tools = new Map<number, { ordinal: number; startInput: string; sent: boolean }>();
  let toolCount = 0;

  const terminate = (event: StreamEvent) => {
    out.push(event);
    done = true;
  };
  const pushUsage = () => {
    if (promptTokens === undefined && completionTokens === undefined) return;
    out.push({ type: "usage", usage: { promptTokens: promptTokens ?? 0, completionTokens: completionTokens ?? 0 } });
    usageSent = true;
  };

  function onData(data: Data) {
    const block = data.index ? { block: data.index } : {};
    switch (data.type) {
      case "message_start": {
        const usage = data.message?.usage;
        if (usage) {
          promptTokens = promptTokensOf(usage);
          if (usage.output_tokens !== undefined) completionTokens = usage.output_tokens;
        }
        return;
      }
      case "content_block_start": {
        const content = data.content_block;
        if (content?.type === "text" && content.text) out.push({ type: "text-delta", text: content.text, ...block });
        if (content?.type === "tool_use") {
          const ordinal = toolCount++;
          tools.set(data.index ?? 0, { ordinal, startInput: inputJson(content.input), sent: false });
          out.push({ type: "tool-call-delta", index: ordinal, ...(content.id ? { id: content.id } : {}), ...(content.name ? { name: content.name } : {}), argumentsDelta: "" });
        }
        return;
      }
      case "content_block_delta": {
        const delta = data.delta;
        if (delta?.type === "text_delta" && delta.text) out.push({ type: "text-delta", text: delta.text, ...block });
        if (delta?.type === "input_json_delta" && delta.partial_json) {
          const tool = tools.get(data.index ?? 0);
          if (tool) {
            tool.sent = true;
            out.push({ type: "tool-call-delta", index: tool.ordinal, argumentsDelta: delta.partial_json });
          }
        }
        return;
      }
      case "content_block_stop": {
        const tool = tools.get(data.index ?? 0);
        // No pieces came: the input given at the start (a gateway that sends it whole), else none ({}).
        if (tool && !tool.sent) out.push({ type: "tool-call-delta", index: tool.ordinal, argumentsDelta: tool.startInput || "{}" });
        tools.delete(data.index ?? 0);
        return;
      }
      case "message_delta": {
        if (data.delta?.stop_reason) finishReason = anthropicFinishReason(data.delta.stop_reason);
        if (data.delta?.stop_reason === "stop_sequence" && typeof data.delta.stop_sequence === "string") stopSequence = data.delta.stop_sequence;
        // Cumulative counts; newer servers repeat input_tokens here too.
        if (data.usage) {
          if (data.usage.input_tokens !== undefined) promptTokens = promptTokensOf(data.usage);
          if (data.usage.output_tokens !== undefined) completionTokens = data.usage.output_tokens;
          pushUsage();
        }
        return;
      }
      case "message_stop":
        if (!usageSent) pushUsage();
        return terminate({ type: "finish", reason: finishReason ?? "stop", ...(stopSequence !== undefined ? { stopSequence } : {}) });
      default:
        // ping, and event types newer than this code.
        return;
    }
  }

  const parser = createParser({
    onEvent(message) {
      if (done) return;
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        return terminate(errorEvent("malformed_stream", `unreadable event ${JSON.stringify(message.data.slice(0, 80))}`));
      }
      const failure = anthropicEmbeddedFailure(json);
      if (failure) return terminate(failure);
      if (json && typeof json === "object") onData(json as Data);
    },
  });

  return {
    push(text) {
      if (!done) parser.feed(text);
      const batch = out;
      out = [];
      return batch;
    },
    end() {
      if (done) return [];
      done = true;
      // A stream that closes after the stop reason but before message_stop still said how it ended.
      if (!finishReason) return [errorEvent("connection_dropped")];
      const events: StreamEvent[] = [];
      if (!usageSent && (promptTokens !== undefined || completionTokens !== undefined)) {
        events.push({ type: "usage", usage: { promptTokens: promptTokens ?? 0, completionTokens: completionTokens ?? 0 } });
      }
      events.push({ type: "finish", reason: finishReason, ...(stopSequence !== undefined ? { stopSequence } : {}) });
      return events;
    },
    get done() {
      return done;
    },
  };
}

/** A whole JSON body: a non-streamed message, or an error object (also with status 200). */
export function decodeAnthropicJson(text: string): StreamEvent[] {
  const body = parseWholeBody(text, anthropicEmbeddedFailure);
  if ("failure" in body) return [body.failure];
  const message = body.json as Data["message"] & { type?: string };
  if (!message || typeof message !== "object" || !Array.isArray(message.content)) return [errorEvent("malformed_stream", "expected an event stream or a message")];
  const events: StreamEvent[] = [];
  let ordinal = 0;
  message.content.forEach((content, index) => {
    const block = index ? { block: index } : {};
    if (content.type === "text" && content.text) events.push({ type: "text-delta", text: content.text, ...block });
    if (content.type === "tool_use") {
      events.push({ type: "tool-call-delta", index: ordinal++, ...(content.id ? { id: content.id } : {}), ...(content.name ? { name: content.name } : {}), argumentsDelta: inputJson(content.input) || "{}" });
    }
  });
  if (message.usage) events.push({ type: "usage", usage: { promptTokens: promptTokensOf(message.usage), completionTokens: message.usage.output_tokens ?? 0 } });
  const stopSequence = message.stop_reason === "stop_sequence" && typeof message.stop_sequence === "string" ? { stopSequence: message.stop_sequence } : {};
  events.push({ type: "finish", reason: anthropicFinishReason(message.stop_reason ?? "end_turn"), ...stopSequence });
  return events;
}
