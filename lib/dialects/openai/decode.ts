/**
 * OpenAI chat-completions stream → StreamEvents, as a synchronous state machine: the transport
 * feeds it whatever one network read delivered and gets back every event in it at once, so a
 * read of 40 tokens costs one call, not 40 awaits. Chunk boundaries may fall anywhere (inside a
 * line or a UTF-8 sequence: the caller decodes with TextDecoder {stream:true}). Parses loosely:
 * only the fields we use.
 */
import { createParser } from "eventsource-parser";
import { errorEvent } from "../../chat/errors";
import type { FinishReason, StreamEvent, TokenLogprob } from "../../chat/events";
import { parseWholeBody } from "../whole-body";
import { openAiEmbeddedFailure } from "./errors";

interface ChunkChoice {
  index?: number;
  delta?: {
    content?: string | null;
    tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
  };
  message?: { content?: string | null; tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[] };
  logprobs?: { content?: { token: string; logprob: number; top_logprobs?: { token: string; logprob: number }[] }[] | null } | null;
  finish_reason?: string | null;
}

interface Chunk {
  choices?: ChunkChoice[] | null;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

const FINISH_REASONS = new Set<string>(["stop", "length", "tool_calls", "content_filter"]);
/** Older servers still say function_call; anything else we do not know is "other", not "stop". */
const finishReasonOf = (said: string): FinishReason => (FINISH_REASONS.has(said) ? (said as FinishReason) : said === "function_call" ? "tool_calls" : "other");

/** Events of one parsed chunk (a streamed delta or a whole non-streamed completion). */
function chunkEvents(chunk: Chunk, out: StreamEvent[]): FinishReason | undefined {
  let finish: FinishReason | undefined;
  for (const choice of chunk.choices ?? []) {
    const block = choice.index ? { block: choice.index } : {};
    const content = choice.delta?.content ?? choice.message?.content;
    if (content) out.push({ type: "text-delta", text: content, ...block });
    const calls = choice.delta?.tool_calls ?? choice.message?.tool_calls?.map((c, index) => ({ index, ...c }));
    for (const call of calls ?? []) {
      out.push({
        type: "tool-call-delta",
        index: call.index ?? 0,
        ...(call.id ? { id: call.id } : {}),
        ...(call.function?.name ? { name: call.function.name } : {}),
        argumentsDelta: call.function?.arguments ?? "",
      });
    }
    const logprobs = choice.logprobs?.content;
    if (logprobs?.length) {
      out.push({
        type: "logprobs",
        tokens: logprobs.map(
          (t): TokenLogprob => ({ token: t.token, logprob: t.logprob, ...(t.top_logprobs ? { top: t.top_logprobs.map(({ token, logprob }) => ({ token, logprob })) } : {}) }),
        ),
      });
    }
    if (choice.finish_reason) finish = finishReasonOf(choice.finish_reason);
  }
  if (chunk.usage && typeof chunk.usage.prompt_tokens === "number") {
    out.push({ type: "usage", usage: { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens ?? 0 } });
  }
  return finish;
}

export interface OpenAiStreamDecoder {
  /** Every event in this piece of the stream; the batch holds the terminal event once one is due. */
  push(text: string): StreamEvent[];
  /** The stream ended: the terminal event, if none was produced yet. */
  end(): StreamEvent[];
  /** A terminal event was produced; later input is ignored. */
  readonly done: boolean;
}

export function createOpenAiStreamDecoder(): OpenAiStreamDecoder {
  let out: StreamEvent[] = [];
  let finishReason: FinishReason | undefined;
  let done = false;
  const terminate = (event: StreamEvent) => {
    out.push(event);
    done = true;
  };

  const parser = createParser({
    onEvent(message) {
      if (done) return;
      const data = message.data;
      // The finish comes with [DONE] rather than with finish_reason: usage may follow the latter.
      if (data.length < 8 && data.trim() === "[DONE]") return terminate({ type: "finish", reason: finishReason ?? "stop" });
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return terminate(errorEvent("malformed_stream", `unreadable chunk ${JSON.stringify(data.slice(0, 80))}`));
      }
      const failure = openAiEmbeddedFailure(json);
      if (failure) return terminate(failure);
      finishReason = chunkEvents(json as Chunk, out) ?? finishReason;
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
      // Some servers close after the finish chunk without [DONE]: that reply is complete.
      return [finishReason ? { type: "finish", reason: finishReason } : errorEvent("connection_dropped")];
    },
    get done() {
      return done;
    },
  };
}

/** A whole JSON body: a non-streamed completion, or a gateway's error (often with status 200). */
export function decodeOpenAiJson(text: string): StreamEvent[] {
  const body = parseWholeBody(text, openAiEmbeddedFailure);
  if ("failure" in body) return [body.failure];
  const events: StreamEvent[] = [];
  const reason = chunkEvents(body.json as Chunk, events) ?? "stop";
  events.push({ type: "finish", reason });
  return events;
}
