/** POST: snapshot the conversation into an immutable share link. */
import { getShareService } from "@/lib/server/services";
import { getEnv } from "@/lib/env";
import { getProvider } from "@/lib/providers/registry";
import { createRateLimit } from "@/lib/server/limits/rate-limit";
import { requirePlaygroundAccess } from "@/lib/server/limits/access-keys";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction } from "@/lib/server/http/request-guards";
import { playgroundRoute } from "@/lib/server/http/error-response";
import { SHARE_STORAGE_UNAVAILABLE } from "@/lib/shares/server/share-service";
import { CreateShareBodySchema, MAX_SNAPSHOT_BYTES } from "@/lib/shares/snapshot";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";

const checkRate = createRateLimit(getEnv().SHARE_RATE_LIMIT, "share links");

export const POST = playgroundRoute(async (request: Request) => {
  guardAction(request);
  requirePlaygroundAccess(request);
  await checkRate(request);
  // Headroom over the snapshot limit for JSON escaping; the snapshot itself is measured exactly.
  const body = await readJsonBody(request, CreateShareBodySchema, 2 * MAX_SNAPSHOT_BYTES);
  const shares = await getShareService();
  const created = await shares.create(body, getProvider().info);
  return Response.json(
    { ...created, url: `/s/${created.id}` },
    { status: created.reused ? 200 : 201, headers: { "Cache-Control": "no-store" } },
  );
}, SHARE_STORAGE_UNAVAILABLE);

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
