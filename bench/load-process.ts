/**
 * Child process: runs one batch of concurrent streams per "run" message and answers "done" with
 * every outcome; a "gets" message sends that many GETs at once instead (Next's floor at that concurrency).
 */
import { timeGet, timeStream, type StreamTiming } from "./stream-client";

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
process.on("message", async (message: { type: "gets"; url: string; requests: number }) => {
  if (message.type !== "gets") return;
  const times = await Promise.all(Array.from({ length: message.requests }, () => timeGet(message.url).catch(() => Number.NaN)));
  process.send?.({ type: "gets-done", times });
});
process.on("disconnect", () => process.exit(0));
