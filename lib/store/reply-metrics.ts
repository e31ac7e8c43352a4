/**
 * Speed as the user experiences it: time to the first token, total time, and tokens per second
 * from the first token to the last, all measured in the browser from sending the request.
 */
import type { Usage } from "../chat/events";
import type { ReplyMetrics } from "./ui-message";

export interface ReplyTimes {
  startedAt: number;
  /** When the reply's text first grew; undefined while (or if) none has come. */
  firstTokenAt: number | undefined;
  finishedAt: number;
}

/** Completion tokens over the time from first to last token; nothing without tokens or time to divide by. */
export function replySpeed(times: ReplyTimes, usage: Usage | undefined): Pick<ReplyMetrics, "tokensPerSecond"> {
  const seconds = times.firstTokenAt === undefined ? 0 : (times.finishedAt - times.firstTokenAt) / 1000;
  const tokens = usage?.completionTokens ?? 0;
  return tokens > 0 && seconds > 0 ? { tokensPerSecond: Math.round((tokens / seconds) * 10) / 10 } : {};
}

/** Undefined for a reply that never showed text: there is no first token to time. */
export function replyMetrics(times: ReplyTimes, usage: Usage | undefined): ReplyMetrics | undefined {
  return times.firstTokenAt === undefined
    ? undefined
    : { timeToFirstTokenMs: Math.round(times.firstTokenAt - times.startedAt), totalMs: Math.round(times.finishedAt - times.startedAt), ...replySpeed(times, usage) };
}

export interface ReplyClock {
  /** The reply's text grew; only the first call is kept. */
  textArrived(): void;
  /** The reply ended (again, if a producer sends past its end: the last call is kept). */
  finished(): void;
  metrics(usage: Usage | undefined): ReplyMetrics | undefined;
  speed(usage: Usage | undefined): Pick<ReplyMetrics, "tokensPerSecond">;
}

/** Starts timing a reply now; until it finishes, its end is its start. */
export function startReplyClock(now: () => number = () => performance.now()): ReplyClock {
  const startedAt = now();
  const times: ReplyTimes = { startedAt, firstTokenAt: undefined, finishedAt: startedAt };
  return {
    textArrived() {
      times.firstTokenAt ??= now();
    },
    finished() {
      times.finishedAt = now();
    },
    metrics: (usage) => replyMetrics(times, usage),
    speed: (usage) => replySpeed(times, usage),
  };
}
