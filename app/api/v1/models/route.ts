/** GET: the models this server lets a request name, in a shape the OpenAI and Anthropic SDKs both read. */
import { AppError } from "@/lib/errors";
import { requireApiKey } from "@/lib/server/limits/access-keys";
import { errorResponse } from "@/lib/server/http/error-response";
import { servedRoute } from "@/lib/server/http/served-api";
import { isAnthropicClient, modelList } from "@/lib/server/models/served-models";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";

async function answer(request: Request): Promise<Response> {
  try {
    // Listing may ask the upstream (cached for a minute, not when it fails): counted like token counts.
    await checkRequestRate("count", limitKey(request, requireApiKey(request)));
    return Response.json(await modelList(), { headers: { "Cache-Control": "private, max-age=60" } });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return errorResponse(error, isAnthropicClient(request) ? "anthropic" : "openai");
  }
}

// Answered per request, never prerendered at build time: the list depends on the key and the upstream.
export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ GET: answer });
