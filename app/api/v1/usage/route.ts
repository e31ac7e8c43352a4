/**
 * GET: the caller's own usage, for its access key (Bearer or x-api-key): requests, tokens in and
 * out and cost per day, model and surface, over the last `days` days (default 30). With no
 * ACCESS_KEYS the app is open and this is everyone's usage.
 */
import { AppError } from "@/lib/errors";
import { requireApiKey } from "@/lib/server/access-keys";
import { apiErrorResponse } from "@/lib/server/api-errors";
import { servedRoute } from "@/lib/server/served-api-http";
import { checkRequestRate, limitKey } from "@/lib/server/usage-limits";
import { parseUsageDays, usageReport, usageReportJson } from "@/lib/server/usage-report";

async function answer(request: Request): Promise<Response> {
  try {
    const accessKeyId = requireApiKey(request);
    await checkRequestRate("count", limitKey(request, accessKeyId));
    const days = parseUsageDays(new URL(request.url).searchParams.get("days"));
    return Response.json(usageReportJson(await usageReport(accessKeyId, days)), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return apiErrorResponse("/api/v1/usage", error);
  }
}

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ GET: answer });
