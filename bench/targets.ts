/** The two ways a bench stream is fetched: straight from the bench upstream, or through the app's /api/chat; and the conversations section's targets. */
import { timeStream, type StreamTiming } from "./stream-client";

export interface Target {
  url: string;
  body: unknown;
}

export interface StreamPaths {
  direct(model: string): Target;
  route(model: string): Target;
}

/** A 2,000-token reply as fast as the upstream can write it. */
export const FULL_SPEED = "stamp:2000:0";
export const STREAM_TOKENS = 2000;

export function streamPaths(upstreamUrl: string, app: string): StreamPaths {
  return {
    direct: (model) => ({ url: `${upstreamUrl}/chat/completions`, body: { model, stream: true } }),
    route: (model) => ({
      url: `${app}/api/chat`,
      // The upstream ignores max_tokens; it only has to let every bench reply through the app's validation.
      body: { messages: [{ role: "user", content: "bench" }], model, params: { maxTokens: 8000 } },
    }),
  };
}

export const time = (target: Target): Promise<StreamTiming> => timeStream(target.url, target.body);

/** A cold server's first streams measure JIT compilation, not the route: run a few on both paths first. */
export async function warmUp(paths: StreamPaths): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await time(paths.direct(FULL_SPEED));
    await time(paths.route(FULL_SPEED));
  }
}

/** Issue 23's targets for conversations (bench/conversations.ts): main-thread work or time to rendered, in ms. */
export const CONVERSATION_TARGETS = {
  /** Switching a version in a conversation of 500 messages across 50 branches: main-thread work. */
  switchMs: 16,
  /** A reload restoring that conversation: from the store's read of localStorage to the shown path rendered. */
  restoreMs: 200,
  /** Opening a History of 1,000 conversations: the click to the list drawn. */
  historyOpenMs: 100,
  /** A search keystroke in that History: main-thread work. */
  keystrokeMs: 16,
} as const;

/** Issue 24's targets for a test run in the Test cases view (bench/test-run.ts). */
export const TEST_RUN_TARGETS = {
  /** The run: rows × columns against the bench upstream, at most `streams` replies at once. */
  rows: 200,
  columns: 2,
  streams: 5,
  /** Wall time from Run all to every cell finished, within this much of rows × columns × reply time ÷ streams. */
  wallWithinPercent: 10,
  /** The page's main thread while the run goes on: busy share of the wall time, and no task longer than this. */
  busyPercent: 30,
  longTaskMs: 50,
  /** Scrolling the grid of finished results: main-thread work per frame. */
  frameMs: 16,
  /** The grid the docs say scrolls smoothly (docs/evals.md, "The grid"). */
  scrollRows: 500,
} as const;
