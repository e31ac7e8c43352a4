/**
 * GET: one model, or 404 `model_not_found`. A catch-all, because ids may hold a slash
 * ("mistralai/mixtral-8x7b-instruct" on OpenRouter), which clients send encoded or not.
 */
import { AppError } from "@/lib/errors";
import { requireApiKey } from "@/lib/server/limits/access-keys";
import { errorResponse } from "@/lib/server/http/error-response";
import { servedRoute } from "@/lib/server/http/served-api";
import { isAnthropicClient, servedModel } from "@/lib/server/models/served-models";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";

async function answer(request: Request, { params }: { params: Promise<{ id: string[] }> }): Promise<Response> {
  try {
    await checkRequestRate("count", limitKey(request, requireApiKey(request)));
    const id = (await params).id.map(decodeSegment).join("/");
    return Response.json(await servedModel(id), { headers: { "Cache-Control": "private, max-age=60" } });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return errorResponse(error, isAnthropicClient(request) ? "anthropic" : "openai");
  }
}

/** Next hands catch-all segments over still percent-encoded in some versions and decoded in others. */
function decodeSegment(segment: string): string {
  try {
    return /%[0-9a-f]{2}/i.test(segment) ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}

// Answered per request, never prerendered at build time: the list depends on the key and the upstream.
export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ GET: answer });
