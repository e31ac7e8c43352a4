/** StreamEvents → this app's own SSE (one `data:` JSON event per line), what /api/chat sends the browser. */
import type { EventBatch } from "../../chat/events";

export function encodePlaygroundEvents(batch: EventBatch): string {
  let out = "";
  for (const event of batch) out += `data: ${JSON.stringify(event)}\n\n`;
  return out;
}
