/**
 * POST: an OpenAI-compatible chat-completions endpoint over whatever provider serves the
 * playground, so "View code" snippets and any OpenAI client can use it — also with the
 * embedded engine, offline. The chat pipeline with OpenAI's dialect (lib/server/chat/openai-chat.ts);
 * `x-request-id` and CORS on every answer (servedRoute).
 */
import { chatRoute } from "@/lib/server/chat/pipeline";
import { openAiChat } from "@/lib/server/chat/openai-chat";
import { servedRoute } from "@/lib/server/http/served-api";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ POST: chatRoute(openAiChat) });
