/**
 * GET: the caller's own usage, for its access key (Bearer or x-api-key): requests, tokens in and
 * out and cost per day, model and surface, over the last `days` days (default 30). With no
 * ACCESS_KEYS the app is open and this is everyone's usage.
 */
import { requireApiKey } from "@/lib/server/limits/access-keys";
import { servedRoute } from "@/lib/server/http/served-api";
import { checkRequestRate, limitKey } from "@/lib/server/limits/usage-limits";
import { parseUsageDays, usageReport, usageReportJson } from "@/lib/server/usage/usage-report";

async function answer(request: Request): Promise<Response> {
  const accessKeyId = requireApiKey(request);
  await checkRequestRate("count", limitKey(request, accessKeyId));
  const days = parseUsageDays(new URL(request.url).searchParams.get("days"));
  return Response.json(usageReportJson(await usageReport(accessKeyId, days)), { headers: { "Cache-Control": "no-store" } });
}

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = servedRoute({ GET: answer });
