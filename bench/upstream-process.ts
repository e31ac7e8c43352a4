/**
 * Runs the bench upstream in its own process, so its writes (50,000 tokens/s at 500 paced
 * streams) do not share an event loop with the client or the server being measured.
 * Parent messages: { type: "ready", url } once listening, { type: "markdown-end", at } per END_MARK sent.
 */
import { createBenchUpstream } from "./upstream";

const send = (message: unknown) => process.send?.(message);
const server = createBenchUpstream((at) => send({ type: "markdown-end", at }));
// A deep accept queue: hundreds of streams connect at the same instant.
server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
  const address = server.address();
  if (address && typeof address === "object") send({ type: "ready", url: `http://127.0.0.1:${address.port}` });
});
process.on("disconnect", () => process.exit(0));
