/**
 * What the provider suites share: one replay server per file (its recorded requests cleared
 * before each test), the question they ask every provider, event readers, and the table-driven
 * test that each upstream failure becomes a readable error that never shows the key.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { ErrorEvent, StreamEvent } from "../chat/events";
import type { ChatRequest } from "../chat/request";
import { DEFAULT_PARAMS } from "../params";
import type { ChatProvider } from "../providers/types";
import { collectEvents } from "./collect-events";
import { startReplayServer, type ReplayServer, type Scenario } from "./replay-server";

/** A replay server for this test file: use the returned getter inside tests. */
export function replayServerForFile(): () => ReplayServer {
  let server: ReplayServer | undefined;
  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    if (server) server.requests.length = 0;
  });
  return () => {
    if (!server) throw new Error("The replay server starts in beforeAll: read it inside a test.");
    return server;
  };
}

export const QUBIT_REQUEST: ChatRequest = {
  systemMessage: "Be brief.",
  messages: [{ role: "user", content: "What is a qubit?" }],
  params: { ...DEFAULT_PARAMS, temperature: 0.3 },
};

export const collectReply = (provider: ChatProvider, request = QUBIT_REQUEST, signal = new AbortController().signal) => collectEvents(provider.stream(request, { signal }));

export const textOf = (events: StreamEvent[]) => events.flatMap((e) => (e.type === "text-delta" ? [e.text] : [])).join("");

export const terminals = (events: StreamEvent[]) => events.filter((e) => e.type === "finish" || e.type === "error");

/** An upstream failure: what the server answers, the error event it must become, and what its message says. */
export type Failure = [label: string, scenario: Scenario, expected: Partial<ErrorEvent>, message: RegExp];

/** Each failure ends the reply with exactly one readable error event, and the key is in none of it. */
export function itMapsFailures(failures: Failure[], server: () => ReplayServer, make: () => ChatProvider, key: string) {
  it.each(failures)("maps %s to a readable error and never shows the key", async (_label, scenario, expected, message) => {
    server().queue(scenario);
    const events = await collectReply(make());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "error", ...expected });
    expect((events[0] as ErrorEvent).message).toMatch(message);
    expect(JSON.stringify(events)).not.toContain(key);
  });
}
