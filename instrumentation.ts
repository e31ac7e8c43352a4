/**
 * Runs once when the server starts. With the local engine, start loading the model now so the
 * first message does not wait for it (the demo model is written here on a fresh machine).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getProvider } = await import("./lib/providers/registry");
  const provider = getProvider();
  if (provider.info.kind === "local") void provider.warmUp?.().catch(() => {});
}
