/** POST: one chat turn, streamed as this app's SSE events (lib/server/chat/playground-chat.ts). */
import { chatRoute } from "@/lib/server/chat/pipeline";
import { playgroundChat } from "@/lib/server/chat/playground-chat";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";

export const POST = chatRoute(playgroundChat);

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
