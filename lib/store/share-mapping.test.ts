import { describe, expect, it } from "vitest";
import { replyWithLogprobs } from "../testing/logprob-replies";
import { canonicalJson } from "../json/canonical-json";
import { DEFAULT_PARAMS } from "../params";
import { CreateShareBodySchema, MAX_SNAPSHOT_BYTES } from "../shares/snapshot";
import { toSharedMessages } from "./share-mapping";

const reply = replyWithLogprobs;

describe("a conversation as a share keeps it", () => {
  it("a 2,000-token reply with probabilities makes a share body the schema accepts, under the snapshot limit", () => {
    const messages = toSharedMessages([
      { id: "u", role: "user", content: "Hi" },
      { id: "a", state: "done", continuedAt: 3, ...reply(2000) },
    ]);
    const body = CreateShareBodySchema.parse({ systemMessage: "", params: DEFAULT_PARAMS, messages });
    expect(body.messages[1].logprobs).toHaveLength(2000);
    expect(body.messages[1].continuedAt).toBe(3);
    expect(Buffer.byteLength(canonicalJson(body))).toBeLessThan(MAX_SNAPSHOT_BYTES);
  });
});
