/**
 * Every /api path no route claims: a JSON 404 (in OpenAI's shape under /api/v1, where SDK clients
 * read it) instead of Next's HTML not-found page. Routes that exist win over this catch-all.
 */
import { AppError } from "@/lib/errors";
import { errorDialectOf, errorResponse, isServedApiPath } from "@/lib/server/http/error-response";
import { servedApi } from "@/lib/server/http/served-api";

function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  const shown = pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname;
  return errorResponse(new AppError(404, "not_found", `No API endpoint at ${request.method} ${shown}.`), errorDialectOf(pathname));
}

const servedNotFound = servedApi(notFound);

/** Under /api/v1 with the served API's headers (and its CORS preflights answered). */
function answer(request: Request): Response {
  return isServedApiPath(new URL(request.url).pathname) ? servedNotFound(request) : notFound(request);
}

export { answer as GET, answer as POST, answer as PUT, answer as PATCH, answer as DELETE, answer as OPTIONS };
