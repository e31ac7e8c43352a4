/** POST: one chat turn, streamed as this app's SSE events (lib/dialects/playground). */
import { PAGE_UPDATE_INTERVAL_MS } from "@/lib/chat/page-cadence";
import { encodePlaygroundEvents } from "@/lib/dialects/playground/encode";
import { AppError } from "@/lib/errors";
import { getProvider } from "@/lib/providers/registry";
import { requirePlaygroundAccess } from "@/lib/server/access-keys";
import { requireAllowedModel } from "@/lib/server/models-allowed";
import { parseChatRequest, promptBytes } from "@/lib/server/parse-chat-request";
import { guardAction } from "@/lib/server/request-guards";
import { sseResponse } from "@/lib/server/sse-response";
import { claimStreamSlot } from "@/lib/server/concurrent-streams";
import { checkRequestRate, limitKey } from "@/lib/server/usage-limits";
import { usageCharge } from "@/lib/server/usage-charge";
import { replySigner } from "@/lib/signing/reply-signature";
import { methodNotAllowed } from "@/lib/server/method-not-allowed";

export async function POST(request: Request): Promise<Response> {
  const provider = getProvider();
  let chat;
  let client;
  let accessKeyId;
  let slot;
  try {
    guardAction(request);
    accessKeyId = requirePlaygroundAccess(request);
    client = limitKey(request, accessKeyId);
    await checkRequestRate("chat", client);
    chat = await parseChatRequest(request, provider.info.capabilities.contextWindow, provider.info.capabilities.continuation);
    await requireAllowedModel(chat.model);
    slot = claimStreamSlot(client, request.signal);
  } catch (error) {
    if (error instanceof AppError) return error.toResponse();
    throw error;
  }
  const model = chat.model ?? provider.info.model;
  const account = { limitKey: client, accessKeyId, surface: "playground", model, servedModel: provider.info.model } as const;
  const generation = { model, systemMessage: chat.systemMessage, params: chat.params, messages: chat.messages };
  // The page shows text at its own pace; batches more often than that only cost both sides.
  return sseResponse((signal) => provider.stream(chat, { signal, batchIntervalMs: PAGE_UPDATE_INTERVAL_MS }), request.signal, {
    encode: encodePlaygroundEvents,
    observers: [slot, usageCharge(account, promptBytes(chat)), replySigner(generation)],
  });
}

// Other methods: a JSON 405 with Allow (lib/server/method-not-allowed.ts).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
