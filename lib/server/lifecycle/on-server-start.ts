/**
 * What the Node.js server does once when it starts (called from instrumentation.ts, which Next
 * also compiles for the Edge runtime and so must not hold Node-only calls such as process.exit).
 * Stamps each request with its socket's address (rate limits need an address a client cannot
 * forge) and opens the share database (applying migrations). With the local engine, start
 * loading the model now so the first message does not wait for it (the demo model is written
 * here on a fresh machine). Also installs graceful shutdown on SIGTERM (./shutdown.ts). A
 * configuration the server cannot run with (lib/env.ts) stops it here, with the reason, instead
 * of leaving it up to answer every request with a 500.
 */
import { getShareService } from "../services";
import { getProvider } from "../../providers/registry";
import { startSharePageCache } from "../../shares/server/page-cache";
import { installPeerAddressStamp } from "../http/peer-address-stamp";
import { installGracefulShutdown } from "./shutdown";

export function onServerStart(): void {
  installPeerAddressStamp();
  installGracefulShutdown();
  let provider;
  try {
    provider = getProvider();
  } catch (error) {
    // Already redacted: configuration errors name variables, never their values.
    console.error((error as Error).message);
    process.exit(1);
  }
  if (provider.info.kind === "local") void provider.warmUp?.().catch(() => {});
  // In the background: a slow or absent database must not hold up the playground, and requests
  // that need shares wait for this same open (or retry it if it failed).
  void getShareService().catch((error: Error) => console.error(`Share storage is unavailable: ${error.message}`));
  // With REDIS_URL: connect now and listen for other instances' share revokes.
  startSharePageCache();
}
