/**
 * POST {signature}: reproduce a shared reply on this server's current upstream, streamed as this
 * app's SSE (lib/server/chat/reproduce-chat.ts runs it through the chat pipeline).
 */
import { chatRoute } from "@/lib/server/chat/pipeline";
import { reproduceChat } from "@/lib/server/chat/reproduce-chat";
import { playgroundRoute } from "@/lib/server/http/error-response";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { SHARE_STORAGE_UNAVAILABLE } from "@/lib/shares/server/share-service";

type Context = { params: Promise<{ id: string }> };

// The pipeline answers every refusal itself; playgroundRoute only turns a database that is down into a readable 503.
export const POST = playgroundRoute(async (request: Request, { params }: Context) => chatRoute(reproduceChat((await params).id))(request), SHARE_STORAGE_UNAVAILABLE);

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
