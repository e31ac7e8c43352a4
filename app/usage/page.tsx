/** Usage: what the visitor's access key has used (or, on an open playground, everyone), per day, model and surface. */
import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { connection } from "next/server";
import { AccessGatePage } from "@/components/access/access-gate-page";
import { ModelHeader } from "@/components/model-header";
import { UsageView } from "@/components/usage/usage-view";
import { getProvider } from "@/lib/providers/registry";
import { ACCESS_COOKIE, playgroundKeyId } from "@/lib/server/limits/access-keys";
import { DEFAULT_USAGE_DAYS, parseUsageDays, usageReport } from "@/lib/server/usage/usage-report";

export const metadata: Metadata = { title: "Usage · Mistral: Mixtral 8x7B Instruct Playground", robots: { index: false } };

type Props = { searchParams: Promise<{ days?: string | string[] }> };

export default async function UsagePage({ searchParams }: Props) {
  await connection();
  const provider = getProvider().info;
  const keyId = playgroundKeyId((await cookies()).get(ACCESS_COOKIE)?.value);
  if (keyId === undefined) {
    return <AccessGatePage provider={provider} />;
  }
  const asked = (await searchParams).days;
  let days = DEFAULT_USAGE_DAYS;
  try {
    days = parseUsageDays(typeof asked === "string" ? asked : null);
  } catch {
    // A hand-edited period falls back to the default; the page says which period it shows.
  }
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-3 py-4 sm:px-6">
      <ModelHeader
        provider={provider}
        nav={
          <Link href="/" className="underline underline-offset-2">
            Playground
          </Link>
        }
      />
      <UsageView report={await usageReport(keyId, days)} />
    </main>
  );
}
