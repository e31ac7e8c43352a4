/** GET: the models the configured upstream serves (lib/server/models-response). */
import { connection } from "next/server";
import { AppError } from "@/lib/errors";
import { requirePlaygroundAccess } from "@/lib/server/access-keys";
import { modelsResponse } from "@/lib/server/models-response";
import { methodNotAllowed } from "@/lib/server/method-not-allowed";

export async function GET(request: Request): Promise<Response> {
  await connection();
  try {
    requirePlaygroundAccess(request);
  } catch (error) {
    if (error instanceof AppError) return error.toResponse();
    throw error;
  }
  return modelsResponse();
}

// Other methods: a JSON 405 with Allow (lib/server/method-not-allowed.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
