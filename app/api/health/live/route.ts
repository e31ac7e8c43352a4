// Liveness probe: answers from the running process without touching the provider or storage (also Next's floor in `npm run bench`).
import { connection } from "next/server";

export async function GET(): Promise<Response> {
  // Answered per request, never prerendered at build time: a probe must reflect the live process.
  await connection();
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
