import { cookies } from "next/headers";
import Link from "next/link";
import { connection } from "next/server";
import { AccessGatePage } from "@/components/access/access-gate-page";
import { DemoNotice } from "@/components/demo-notice";
import { ModelHeader } from "@/components/model-header";
import { ModelInfo } from "@/components/model-info";
import { Playground } from "@/components/playground";
import { codeExportContext } from "@/lib/code-export/server-targets";
import { getProvider } from "@/lib/providers/registry";
import { ACCESS_COOKIE, accessRequired, playgroundKeyId } from "@/lib/server/limits/access-keys";

export default async function Home() {
  // The upstream is chosen from the server's environment at run time, never at build time.
  await connection();
  const provider = getProvider().info;
  // undefined: ACCESS_KEYS is set and this browser has no valid code yet.
  if (playgroundKeyId((await cookies()).get(ACCESS_COOKIE)?.value) === undefined) {
    return <AccessGatePage provider={provider} />;
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
      {/* With access keys, each key's prompts live on the server, shared by its browsers and instances. */}
      <Playground codeExport={codeExportContext()} promptLibrary={accessRequired() ? "server" : "browser"} />
      <ModelInfo />
    </main>
  );
}
