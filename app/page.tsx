import { cookies } from "next/headers";
import Link from "next/link";
import { connection } from "next/server";
import { AccessGate } from "@/components/access/access-gate";
import { DemoNotice } from "@/components/demo-notice";
import { ModelHeader } from "@/components/model-header";
import { ModelInfo } from "@/components/model-info";
import { Playground } from "@/components/playground";
import { codeExportContext } from "@/lib/code-export/server-targets";
import { getProvider } from "@/lib/providers/registry";
import { ACCESS_COOKIE, playgroundCookieValid } from "@/lib/server/access-keys";

export default async function Home() {
  // The upstream is chosen from the server's environment at run time, never at build time.
  await connection();
  const provider = getProvider().info;
  const open = playgroundCookieValid((await cookies()).get(ACCESS_COOKIE)?.value);
  if (!open) {
    return (
      <main className="mx-auto max-w-6xl space-y-4 px-3 py-4 sm:px-6">
        <ModelHeader provider={provider} />
        <AccessGate />
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-3 py-4 sm:px-6">
      <ModelHeader
        provider={provider}
        nav={
          <Link href="/usage" className="underline underline-offset-2">
            Usage
          </Link>
        }
      />
      {provider.isDemo ? <DemoNotice /> : null}
      <Playground codeExport={codeExportContext()} />
      <ModelInfo />
    </main>
  );
}
