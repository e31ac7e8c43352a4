/**
 * Runs once when the server starts. Opens the share database (applying migrations). With the
 * local engine, start loading the model now so the first message does not wait for it (the demo
 * model is written here on a fresh machine).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getProvider } = await import("./lib/providers/registry");
  const provider = getProvider();
  if (provider.info.kind === "local") void provider.warmUp?.().catch(() => {});
  const { getShareService } = await import("./lib/db");
  // Not fatal: the playground works without shares, and each share request retries the open.
  await getShareService().catch((error: Error) => console.error(`Share storage is unavailable: ${error.message}`));
}
