/** GET: the JSON Schema of the conversation file (*.conversation.json) at a stable address (docs/playground.md, Files in and out). */
import { conversationFileJsonSchema } from "@/lib/store/conversation-files/conversation-file-schema";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(conversationFileJsonSchema(), { headers: { "Content-Type": "application/schema+json", "Cache-Control": "public, max-age=3600" } });
}
