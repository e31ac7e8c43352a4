/**
 * The one pipeline of the three chat routes (/api/chat, /api/v1/chat/completions,
 * /api/v1/messages): guards → access → rate → parse → model → stream slots → stream. A dialect
 * supplies only what differs: who may call (access), how a body becomes our ChatRequest (parse,
 * its errors already in the client's words), what watches the reply, and how the reply is encoded
 * (respond). Every refusal is answered by lib/server/http/error-response.ts in the dialect's shape.
 */
import "server-only";
import type { BatchObserver } from "../../chat/batch-observer";
import type { EventBatch } from "../../chat/events";
import { mergeChoices } from "../../chat/merge-choices";
import type { ChatRequest } from "../../chat/request";
import type { UsageSurface } from "../../db/usage-repository";
import { AppError } from "../../errors";
import { getProvider } from "../../providers/registry";
import type { ChatProvider, StreamOptions } from "../../providers/types";
import { errorResponse, type ErrorDialect } from "../http/error-response";
import { guardAction } from "../http/request-guards";
import { claimStreamSlot } from "../limits/concurrent-streams";
import { requireAllowedModel } from "../limits/models-allowed";
import { checkRequestRate, limitKey } from "../limits/usage-limits";
import { usageCharge } from "../usage/usage-charge";
import { promptBytes } from "./parse-chat-request";

/** Checks every chat request passes before anything else is read; a guard throws an AppError to refuse. */
export const CHAT_GUARDS: readonly ((request: Request) => void)[] = [guardAction];

/** What a dialect's parse makes of a request. */
export interface ParsedChat {
  /** The request as the upstream gets it. */
  chat: ChatRequest;
  /** The model the client named, if any: it must be one this server offers. */
  model?: string;
  /** Replies to produce (OpenAI's `n`); each holds one of the client's concurrent streams. */
  choices?: number;
}

/** What the pipeline hands a dialect to answer with. */
export interface ChatRun {
  /** Starts the reply (all choices merged into one stream of batches). */
  produce: (signal: AbortSignal) => AsyncIterable<EventBatch>;
  /** Watch each batch in the pass that writes it (the dialect's own first, then slots and charges). */
  observers: BatchObserver[];
  /** The model id the reply is reported under. */
  model: string;
}

export interface ChatDialect<Parsed extends ParsedChat> {
  /** The shape refusals are answered in. */
  errors: ErrorDialect;
  /** Where usage is recorded. */
  surface: UsageSurface;
  /** Who may call: the access key's id, or null when the app is open; throws AppError 401. */
  access(request: Request): string | null;
  /** The body as our ChatRequest; throws AppError with fields named as the client sent them. */
  parse(request: Request, provider: ChatProvider): Promise<Parsed>;
  /** Options for the provider's stream (the page's batch cadence). */
  streamOptions?: Omit<StreamOptions, "signal">;
  /** Observers of this dialect, run before the pipeline's own (a served API turns late warnings into errors). */
  observers?(parsed: Parsed, model: string, provider: ChatProvider): BatchObserver[];
  /** The reply, encoded in this dialect: streamed, or gathered into one JSON answer. */
  respond(parsed: Parsed, run: ChatRun, request: Request): Promise<Response>;
}

/** A POST handler running `dialect` through the pipeline. */
export function chatRoute<Parsed extends ParsedChat>(dialect: ChatDialect<Parsed>) {
  return async function POST(request: Request): Promise<Response> {
    const provider = getProvider();
    const slots: BatchObserver[] = [];
    let prepared: { parsed: Parsed; client: string; accessKeyId: string | null };
    try {
      for (const guard of CHAT_GUARDS) guard(request);
      const accessKeyId = dialect.access(request);
      const client = limitKey(request, accessKeyId);
      await checkRequestRate("chat", client);
      const parsed = await dialect.parse(request, provider);
      await requireAllowedModel(parsed.model);
      for (let i = 0; i < (parsed.choices ?? 1); i++) slots.push(claimStreamSlot(client, request.signal));
      prepared = { parsed, client, accessKeyId };
    } catch (error) {
      for (const slot of slots) slot.end?.();
      if (error instanceof AppError) return errorResponse(error, dialect.errors);
      throw error;
    }
    const { parsed, client, accessKeyId } = prepared;
    const model = parsed.model ?? provider.info.model;
    const account = { limitKey: client, accessKeyId, surface: dialect.surface, model, servedModel: provider.info.model };
    const observers = [...(dialect.observers?.(parsed, model, provider) ?? []), ...slots, usageCharge(account, promptBytes(parsed.chat))];
    const one = (signal: AbortSignal) => provider.stream(parsed.chat, { signal, ...dialect.streamOptions });
    const choices = parsed.choices ?? 1;
    const produce = choices === 1 ? one : (signal: AbortSignal) => mergeChoices(one, choices, signal);
    return dialect.respond(parsed, { produce, observers, model }, request);
  };
}
