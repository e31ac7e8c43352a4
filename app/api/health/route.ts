/**
 * Readiness: the provider this server uses (kind and model, never its address or key), the share
 * database (a cheap lookup with a timeout) and Redis (a PING, or "not configured"). 503 when the
 * database is down, so a load balancer stops sending traffic here. Liveness is /api/health/live.
 */
import { getShareService } from "@/lib/server/services";
import { getEnv, redactSecrets } from "@/lib/env";
import { getProvider } from "@/lib/providers/registry";
import { redisHealth } from "@/lib/db/redis";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";

const DATABASE_TIMEOUT_MS = 1_500;
/** Well-formed and never issued in practice: the lookup runs the real query and finds nothing. */
const PROBE_ID = "health-probe-000000000";

// Answered per request, never prerendered at build time.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const [database, redis] = await Promise.all([databaseHealth(), redisHealth()]);
  const { kind, model, isDemo } = getProvider().info;
  const ok = database.status === "ok";
  return Response.json(
    { status: ok ? "ok" : "error", provider: { kind, model, isDemo }, database, redis },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

async function databaseHealth() {
  const kind = getEnv().DATABASE_URL ? "postgresql" : "sqlite";
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getShareService().then((shares) => shares.status(PROBE_ID)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS);
      }),
    ]);
    return { kind, status: "ok" as const, latencyMs: Math.round(performance.now() - start) };
  } catch (error) {
    return { kind, status: "error" as const, reason: shortReason(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The first line of the error, without configured secrets or URL credentials, at most 200 characters. */
function shortReason(error: unknown): string {
  const text = redactSecrets(String((error as Error)?.message ?? error).split("\n")[0]);
  return text.replace(/\/\/[^\s/@]+@/g, "//").slice(0, 200);
}

// Other methods: a JSON 405 with Allow (lib/server/http/method-not-allowed.ts).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
