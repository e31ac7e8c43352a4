/** GET: the JSON Schema of the prompt file (*.prompt.json) at a stable address, for editors and other tools (docs/prompt-library.md). */
import { promptFileJsonSchema } from "@/lib/prompts/prompt-file";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(promptFileJsonSchema(), { headers: { "Content-Type": "application/schema+json", "Cache-Control": "public, max-age=3600" } });
}
