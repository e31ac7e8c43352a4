/**
 * POST: an Anthropic-compatible Messages endpoint over whatever provider serves the playground,
 * so Anthropic's SDKs (and Claude Code) work with `ANTHROPIC_BASE_URL=http://host:3000/api`.
 * The chat pipeline with Anthropic's dialect (lib/server/chat/anthropic-chat.ts); a key (x-api-key)
 * when ACCESS_KEYS is set.
 */
import { chatRoute } from "@/lib/server/chat/pipeline";
import { anthropicChat } from "@/lib/server/chat/anthropic-chat";
import { servedRoute } from "@/lib/server/http/served-api";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ POST: chatRoute(anthropicChat) });
