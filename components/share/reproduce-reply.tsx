import { getProvider } from "@/lib/providers/registry";
import { offersReproduce } from "@/lib/shares/reproduce";
import type { SharedMessage } from "@/lib/shares/snapshot";
import { ReproduceButton } from "./reproduce-button";

/**
 * Reproduce, on a shared reply that can be reproduced (signed here, sampled with a seed:
 * lib/shares/reproduce.ts). Rendered on the server, so the page says whether this server's
 * upstream takes seeds before anyone clicks.
 */
export function ReproduceReply({ message }: { message: SharedMessage }) {
  if (!offersReproduce(message) || !message.signature) return null;
  return (
    <ReproduceButton
      signature={message.signature}
      text={message.content}
      sharedStopped={message.finishReason === "abort"}
      seedIgnored={!getProvider().info.capabilities.seed}
    />
  );
}
