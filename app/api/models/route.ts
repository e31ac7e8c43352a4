/** GET: the models the configured upstream serves (lib/server/models-response). */
import { connection } from "next/server";
import { modelsResponse } from "@/lib/server/models-response";

export async function GET(): Promise<Response> {
  await connection();
  return modelsResponse();
}
