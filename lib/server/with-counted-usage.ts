import "server-only";
import type { ChatRequest } from "../providers/types";
import type { StreamEvent } from "../stream/events";
import { countPromptTokens, encodeText } from "../tokens/mistral-tokenizer";

/**
 * Every finished reply carries usage: the upstream's when it sends one (ModelsLab's streamed usage
 * is not guaranteed), else counted here with the exact Mixtral tokenizer, once, at the end.
 */
export async function* withCountedUsage(events: AsyncIterable<StreamEvent>, request: ChatRequest): AsyncGenerator<StreamEvent> {
  let hasUsage = false;
  let text = "";
  for await (const event of events) {
    if (event.type === "usage") hasUsage = true;
    else if (event.type === "text-delta") text += event.text;
    else if (event.type === "finish" && !hasUsage) {
      yield {
        type: "usage",
        usage: { promptTokens: countPromptTokens(request.systemMessage, request.messages), completionTokens: encodeText(text).length },
      };
    }
    yield event;
  }
}
