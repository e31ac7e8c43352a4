/**
 * The three chat routes run one pipeline (lib/server/chat/pipeline.ts): a guard added there
 * refuses on all three, before the upstream is asked, each answering in its own dialect's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { PEER_ADDRESS_HEADER } from "@/lib/server/http/peer-address-header";
import { startReplayServer, type ReplayServer } from "@/lib/testing/replay-server";

let server: ReplayServer;
let guards: ((request: Request) => void)[];
let routes: Record<string, (request: Request) => Promise<Response>>;

beforeAll(async () => {
  server = await startReplayServer();
  Object.assign(process.env, {
    MODELSLAB_API_KEY: "sk-upstream-pipeline-test",
    MODELSLAB_BASE_URL: `${server.url}/api/v7/llm`,
    CHAT_RATE_LIMIT: "1000",
    ACCESS_KEYS: "",
  });
  guards = (await import("@/lib/server/chat/pipeline")).CHAT_GUARDS as ((request: Request) => void)[];
  routes = {
    "/api/chat": (await import("./chat/route")).POST,
    "/api/v1/chat/completions": (await import("./v1/chat/completions/route")).POST,
    "/api/v1/messages": (await import("./v1/messages/route")).POST,
  };
});
afterAll(() => server.close());

const request = (path: string) =>
  new Request(`http://app${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", [PEER_ADDRESS_HEADER]: "203.0.113.50", "x-closed-for-maintenance": "1" },
    body: JSON.stringify({ model: "mistralai-mixtral-8x7b-instruct", max_tokens: 16, messages: [{ role: "user", content: "hi" }] }),
  });

describe("the chat pipeline", () => {
  it("applies a guard added to it to all three chat routes, in each route's error shape, and never asks the upstream", async () => {
    const closed = (r: Request) => {
      if (r.headers.has("x-closed-for-maintenance")) throw new AppError(503, "maintenance", "Closed for maintenance.", undefined, 60);
    };
    guards.push(closed);
    try {
      const answers = Object.fromEntries(await Promise.all(Object.entries(routes).map(async ([path, post]) => [path, await post(request(path))] as const)));
      for (const response of Object.values(answers)) {
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("60");
      }
      expect(await answers["/api/chat"].json()).toEqual({ error: { code: "maintenance", message: "Closed for maintenance." } });
      expect(await answers["/api/v1/chat/completions"].json()).toMatchObject({ error: { code: "maintenance", message: "Closed for maintenance." } });
      expect(await answers["/api/v1/messages"].json()).toMatchObject({ type: "error", error: { message: "Closed for maintenance." } });
      expect(server.requests).toHaveLength(0);
    } finally {
      guards.splice(guards.indexOf(closed), 1);
    }
  });
});
