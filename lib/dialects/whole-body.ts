/**
 * The opening both dialects' whole-body decoders share (a non-streamed reply, or an error object a
 * gateway sent, often with status 200): the body parsed, or the one error event that ends the reply.
 */
import { errorEvent } from "../chat/errors";
import type { ErrorEvent } from "../chat/events";

export function parseWholeBody(text: string, embeddedFailure: (json: unknown) => ErrorEvent | undefined): { json: unknown } | { failure: ErrorEvent } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { failure: errorEvent("malformed_stream", "expected an event stream") };
  }
  const failure = embeddedFailure(json);
  return failure ? { failure } : { json };
}
