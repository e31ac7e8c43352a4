/** Runs once when the server starts: the Node.js server's start-up is lib/server/lifecycle/on-server-start.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { onServerStart } = await import("./lib/server/lifecycle/on-server-start");
  onServerStart();
}
