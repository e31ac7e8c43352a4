/** GET: a share's snapshot as JSON ("Open in playground"). DELETE: revoke it with its token. */
import { z } from "zod";
import { getShareService } from "@/lib/server/services";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction } from "@/lib/server/http/request-guards";
import { playgroundRoute } from "@/lib/server/http/error-response";
import { SHARE_STORAGE_UNAVAILABLE } from "@/lib/shares/server/share-service";
import { shareGone, shareNotFound } from "@/lib/shares/server/share-errors";
import { invalidateSharePage } from "@/lib/shares/server/page-cache";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";

type Context = { params: Promise<{ id: string }> };

export const GET = playgroundRoute(async (_request: Request, { params }: Context) => {
  const { id } = await params;
  const read = await (await getShareService()).read(id);
  if (read.status === "missing") throw shareNotFound();
  if (read.status === "gone") throw shareGone();
  return Response.json(read.share, { headers: { "Cache-Control": "private, max-age=60" } });
}, SHARE_STORAGE_UNAVAILABLE);

const RevokeBodySchema = z.strictObject({
  revokeToken: z
    .string({ error: (issue) => (issue.input === undefined ? "revokeToken is required" : "revokeToken must be a string") })
    .min(1, { error: "revokeToken is required" })
    .max(200, { error: "revokeToken is at most 200 characters" }),
});

export const DELETE = playgroundRoute(async (request: Request, { params }: Context) => {
  guardAction(request);
  const { id } = await params;
  const { revokeToken } = await readJsonBody(request, RevokeBodySchema, 10_000);
  const outcome = await (await getShareService()).revoke(id, revokeToken);
  if (outcome === "missing") throw shareNotFound();
  if (outcome === "forbidden") throw new AppError(403, "forbidden", "This revoke token does not match the link.");
  // Every instance's cached copy of the page goes too (they already answer 410: they ask the database).
  await invalidateSharePage(id);
  return Response.json({ id, revoked: true }, { headers: { "Cache-Control": "no-store" } });
}, SHARE_STORAGE_UNAVAILABLE);

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { POST, PUT, PATCH, OPTIONS } = methodNotAllowed(["GET", "DELETE"]);
