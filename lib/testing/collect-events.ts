/** Tests read providers' batches as one flat list of events. */
import type { EventBatch, StreamEvent } from "../chat/events";

export async function collectEvents(batches: AsyncIterable<EventBatch>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const batch of batches) events.push(...batch);
  return events;
}

/** The same batches as a provider would yield them, one event each. */
export async function* asBatches(events: Iterable<StreamEvent>): AsyncGenerator<EventBatch> {
  for (const event of events) yield [event];
}
