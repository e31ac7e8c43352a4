/**
 * Every /api path no route claims: a JSON 404 (in OpenAI's shape under /api/v1, where SDK clients
 * read it) instead of Next's HTML not-found page. Routes that exist win over this catch-all.
 */
import { AppError } from "@/lib/errors";
import { apiErrorResponse } from "@/lib/server/api-errors";

function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  const shown = pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname;
  return apiErrorResponse(pathname, new AppError(404, "not_found", `No API endpoint at ${request.method} ${shown}.`));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
