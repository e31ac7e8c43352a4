// Liveness probe: answers from the running process without touching the provider or storage (also Next's floor in `npm run bench`).
import { connection } from "next/server";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";

export async function GET(): Promise<Response> {
  // Answered per request, never prerendered at build time: a probe must reflect the live process.
  await connection();
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
