/** POST {code}: trade an access code (ACCESS_KEYS) for the playground's httpOnly cookie. */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { accessCookie, matchAccessKey } from "@/lib/server/limits/access-keys";
import { createRateLimit } from "@/lib/server/limits/rate-limit";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { guardAction } from "@/lib/server/http/request-guards";
import { playgroundRoute } from "@/lib/server/http/error-response";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";

// Guessing codes is the attack: a few tries a minute per client are plenty for a person.
const checkRate = createRateLimit(10, "access code attempts");
const AccessBodySchema = z.strictObject({ code: z.string({ error: "code must be a string" }).min(1, { error: "code is required" }).max(500, { error: "code is at most 500 characters" }) });

export const POST = playgroundRoute(async (request: Request) => {
  guardAction(request);
  await checkRate(request);
  const { code } = await readJsonBody(request, AccessBodySchema, 2_000);
  const id = matchAccessKey(code.trim());
  if (!id) throw new AppError(401, "invalid_access_code", "That access code is not valid.");
  return new Response(null, { status: 204, headers: { "Set-Cookie": accessCookie(request, id), "Cache-Control": "no-store" } });
});

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
