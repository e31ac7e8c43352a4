/** GET: the models the configured upstream serves (lib/server/models/models-response). */
import { connection } from "next/server";
import { requirePlaygroundAccess } from "@/lib/server/limits/access-keys";
import { modelsResponse } from "@/lib/server/models/models-response";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { playgroundRoute } from "@/lib/server/http/error-response";

export const GET = playgroundRoute(async (request: Request) => {
  await connection();
  requirePlaygroundAccess(request);
  return modelsResponse();
});

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
