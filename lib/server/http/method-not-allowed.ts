import "server-only";
import { AppError } from "../../errors";
import { errorDialectOf, errorResponse } from "./error-response";

/**
 * Next answers a method a route does not export with an empty 405 and no `Allow` header, and
 * its automatic OPTIONS lists whatever is exported. Each API route instead exports the other
 * methods from here: a JSON 405 (in the shape its clients read) with `Allow`, and an OPTIONS
 * that lists what the route really takes. HEAD is never exported: Next serves it from GET (the
 * route's own, or the 405 one below).
 */
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (request: Request) => Response;

export function methodNotAllowed<Allowed extends Method>(allowed: readonly Allowed[]): Record<Exclude<Method, Allowed> | "OPTIONS", Handler> {
  const list = [...allowed, ...(allowed.includes("GET" as Allowed) ? ["HEAD"] : []), "OPTIONS"].sort();
  const allow = list.join(", ");
  const refuse: Handler = (request) =>
    errorResponse(new AppError(405, "method_not_allowed", `${request.method} is not allowed here; this endpoint takes ${allowed.join(", ")}.`), errorDialectOf(new URL(request.url).pathname), { Allow: allow });
  const handlers = { OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }) } as Record<string, Handler>;
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) if (!allowed.includes(method as Allowed)) handlers[method] = refuse;
  return handlers as Record<Exclude<Method, Allowed> | "OPTIONS", Handler>;
}
