/** Browser side of /api/shares/<id>/reproduce: the reply named by its signature, streamed again as StreamEvents. */
import type { StreamEvent } from "../chat/events";
import { streamEvents } from "./chat-stream";

export const streamReproduction = (shareId: string, signature: string, signal: AbortSignal): AsyncGenerator<StreamEvent[]> =>
  streamEvents(`/api/shares/${encodeURIComponent(shareId)}/reproduce`, { signature }, signal);
