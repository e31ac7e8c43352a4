/**
 * POST /api/shares/<id>/reproduce: a shared reply's request sent again, through the one chat
 * pipeline (guards, rate limit, stream slots, usage), to this server's current upstream, and
 * streamed like /api/chat. The client names the reply by its signature and nothing else: the
 * history, System Message, parameters and seed all come from the snapshot.
 */
import "server-only";
import { z } from "zod";
import { AppError } from "../../errors";
import { findSharedReply, reproductionRequest, whyNotReproducible } from "../../shares/reproduce";
import { shareGone, shareNotFound } from "../../shares/server/share-errors";
import { readJsonBody } from "../http/read-json-body";
import { ACCESS_COOKIE, cookieValue, playgroundKeyId } from "../limits/access-keys";
import { getShareService } from "../services";
import { toChatRequest } from "./parse-chat-request";
import type { ChatDialect, ParsedChat } from "./pipeline";
import { playgroundChat } from "./playground-chat";

const ReproduceBodySchema = z.strictObject({
  signature: z
    .string({ error: (issue) => (issue.input === undefined ? "signature is required" : "signature must be a string") })
    .min(1, { error: "signature is required" })
    .max(200, { error: "signature is at most 200 characters" }),
});

const MAX_BODY_BYTES = 2_000;

/**
 * Share pages are open to anyone with the link, so this needs no key either. A visitor who has
 * the playground's access cookie is still counted under that key (its rate limit and usage);
 * anyone else under their address, as /api/chat counts an open playground.
 */
const shareReader = (request: Request): string | null => playgroundKeyId(cookieValue(request, ACCESS_COOKIE)) ?? null;

export function reproduceChat(shareId: string): ChatDialect<ParsedChat> {
  return {
    errors: "playground",
    surface: "playground",
    access: shareReader,
    async parse(request, provider) {
      const { signature } = await readJsonBody(request, ReproduceBodySchema, MAX_BODY_BYTES);
      const read = await (await getShareService()).read(shareId);
      if (read.status === "missing") throw shareNotFound();
      if (read.status === "gone") throw shareGone();
      const found = findSharedReply(read.share.snapshot, signature);
      if (!found) throw new AppError(404, "reply_not_found", "This shared conversation has no reply with that signature.", [{ field: "signature", message: "names no reply of this share" }]);
      const why = whyNotReproducible(found);
      if (why) throw new AppError(400, "not_reproducible", why, [{ field: "signature", message: why }]);
      const { capabilities } = provider.info;
      // The same validation as /api/chat, against the upstream serving now: its context window may be smaller.
      const chat = await toChatRequest(reproductionRequest(found, { logprobs: capabilities.logprobs }), capabilities.contextWindow, request.signal);
      return { chat, model: chat.model };
    },
    // Streamed exactly as the page's own chat: same cadence, same events, Stop aborts the upstream.
    streamOptions: playgroundChat.streamOptions,
    respond: playgroundChat.respond,
  };
}
