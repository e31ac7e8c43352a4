/** Child process: runs one batch of concurrent streams per "run" message and answers "done" with every outcome. */
import { timeStream, type StreamTiming } from "./stream-client";

export type StreamOutcome = { ok: true; timing: StreamTiming } | { ok: false; error: string };

process.on("message", async (message: { type: "run"; url: string; body: unknown; streams: number }) => {
  if (message.type !== "run") return;
  const cpuBefore = process.cpuUsage();
  const outcomes = await Promise.all(
    Array.from({ length: message.streams }, () =>
      timeStream(message.url, message.body).then(
        (timing): StreamOutcome => ({ ok: true, timing }),
        (error: Error): StreamOutcome => ({ ok: false, error: error.message }),
      ),
    ),
  );
  const { user, system } = process.cpuUsage(cpuBefore);
  process.send?.({ type: "done", outcomes, clientCpuSeconds: (user + system) / 1e6 });
});
process.on("disconnect", () => process.exit(0));
