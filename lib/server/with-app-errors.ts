import "server-only";
import { redactSecrets } from "../env";
import { AppError } from "../errors";

/**
 * Wraps a route handler: an AppError becomes its JSON response; anything else (a database that
 * is down) becomes a 503 with a readable message, logged without request data.
 */
export function withAppErrors<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
  unavailable = "Share storage is unavailable right now. Please try again.",
) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof AppError) return error.toResponse();
      console.error(redactSecrets(`Request failed: ${error instanceof Error ? error.message : String(error)}`));
      return new AppError(503, "unavailable", unavailable).toResponse();
    }
  };
}
