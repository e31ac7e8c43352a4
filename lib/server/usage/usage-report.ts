import "server-only";
import { getUsageRepository } from "../services";
import { usageDay, type UsageRow } from "../../db/usage-repository";
import { invalidRequest } from "../../errors";
import { OPEN_USAGE_KEY } from "./usage-charge";

/** A key's usage over its last `days` days: the rows as stored, and their totals. */
export interface UsageReport {
  /** The key's id (a hash prefix, never the key); null when the app is open (everyone's usage). */
  keyId: string | null;
  days: number;
  /** First day included (YYYY-MM-DD, UTC). */
  since: string;
  rows: UsageRow[];
  totals: {
    requests: number;
    promptTokens: number;
    completionTokens: number;
    estimatedRequests: number;
    /** Dollars for the requests whose model has a known price. */
    costUsd: number;
    /** Requests to models without a known price, so not in costUsd. */
    unpricedRequests: number;
  };
}

export const DEFAULT_USAGE_DAYS = 30;
export const MAX_USAGE_DAYS = 366;

/** `days` from a query string: absent → the default; anything but a whole number in range → 400 naming it. */
export function parseUsageDays(value: string | null): number {
  if (value === null) return DEFAULT_USAGE_DAYS;
  const days = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1 && days <= MAX_USAGE_DAYS)) throw invalidRequest([{ field: "days", message: `must be a whole number from 1 to ${MAX_USAGE_DAYS}` }]);
  return days;
}

export async function usageReport(accessKeyId: string | null, days: number, now = new Date()): Promise<UsageReport> {
  const since = usageDay(new Date(now.getTime() - (days - 1) * 86_400_000));
  const rows = await (await getUsageRepository()).rows(accessKeyId ?? OPEN_USAGE_KEY, since);
  const totals = { requests: 0, promptTokens: 0, completionTokens: 0, estimatedRequests: 0, costUsd: 0, unpricedRequests: 0 };
  let costNanoUsd = 0;
  for (const row of rows) {
    totals.requests += row.requests;
    totals.promptTokens += row.promptTokens;
    totals.completionTokens += row.completionTokens;
    totals.estimatedRequests += row.estimatedRequests;
    totals.unpricedRequests += row.unpricedRequests;
    costNanoUsd += row.costNanoUsd;
  }
  totals.costUsd = costNanoUsd / 1e9;
  return { keyId: accessKeyId, days, since, rows, totals };
}

/** The served API's JSON for a report (GET /api/v1/usage): snake_case, input/output as both SDKs name tokens. */
export const usageReportJson = (report: UsageReport) => ({
  object: "usage",
  key_id: report.keyId,
  days: report.days,
  since: report.since,
  totals: {
    requests: report.totals.requests,
    input_tokens: report.totals.promptTokens,
    output_tokens: report.totals.completionTokens,
    estimated_requests: report.totals.estimatedRequests,
    cost_usd: report.totals.costUsd,
    unpriced_requests: report.totals.unpricedRequests,
  },
  data: report.rows.map((row) => ({
    date: row.day,
    model: row.model,
    surface: row.surface,
    requests: row.requests,
    input_tokens: row.promptTokens,
    output_tokens: row.completionTokens,
    estimated_requests: row.estimatedRequests,
    // Null when no request of the row had a known price.
    cost_usd: row.unpricedRequests === row.requests ? null : row.costNanoUsd / 1e9,
    unpriced_requests: row.unpricedRequests,
  })),
});
