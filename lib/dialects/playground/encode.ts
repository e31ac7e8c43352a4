/** StreamEvents → this app's own SSE (one `data:` JSON event per line), what /api/chat sends the browser. */
import type { EventBatch, StreamEvent } from "../../chat/events";

type TextDelta = Extract<StreamEvent, { type: "text-delta" }>;

/**
 * One write per batch. Text deltas next to each other (same block) go out as one event: the page
 * appends them alike, and a batch of 40 tokens then costs both sides one JSON event, not 40.
 * Everything else keeps its place, so text and its log-probabilities stay in order.
 */
export function encodePlaygroundEvents(batch: EventBatch): string {
  let out = "";
  for (let i = 0; i < batch.length; i++) {
    const event = batch[i];
    if (event.type !== "text-delta") {
      out += `data: ${JSON.stringify(event)}\n\n`;
      continue;
    }
    let text = event.text;
    while (i + 1 < batch.length && isTextOf(batch[i + 1], event.block)) text += (batch[++i] as TextDelta).text;
    out += `data: ${JSON.stringify(text === event.text ? event : { ...event, text })}\n\n`;
  }
  return out;
}

const isTextOf = (event: StreamEvent, block: number | undefined) => event.type === "text-delta" && event.block === block;
