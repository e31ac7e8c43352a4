/** GET: the models the configured upstream serves (lib/server/models-response). */
import { connection } from "next/server";
import { AppError } from "@/lib/errors";
import { requirePlaygroundAccess } from "@/lib/server/access-keys";
import { modelsResponse } from "@/lib/server/models-response";

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
