/** /api/model-input with an upstream provider: our reconstruction, counted by the Mistral tokenizer, labelled as such. */
import { describe, expect, it, vi } from "vitest";
import { countTexts } from "@/lib/tokens/mistral-tokenizer";
import { POST } from "./route";

vi.mock("@/lib/providers/registry", () => ({
  getProvider: () => ({ info: { capabilities: { contextWindow: 32_768 } } }),
}));

const ask = (body: unknown) => POST(new Request("http://x/api/model-input", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));

describe("/api/model-input", () => {
  it("gives the template's text turn by turn, the functions' instructions folded in, and counts each turn", async () => {
    const tools = [{ name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } }];
    const response = await ask({ systemMessage: "Be brief.", messages: [{ role: "user", content: "Weather in Paris?" }], options: { tools }, stop: ["END"] });
    expect(response.status).toBe(200);
    const input = await response.json();
    expect(input.source).toBe("reconstruction");
    expect(input.stop).toEqual(["END"]);
    expect(input.turns.map((t: { kind: string }) => t.kind)).toEqual(["bos", "user"]);
    const user = input.turns[1];
    expect(user.text).toMatch(/^\[INST\] Be brief\.\n\n[\s\S]*get_weather[\s\S]*\n\nWeather in Paris\? \[\/INST\]$/);
    expect(user.tokens).toBe((await countTexts([user.text]))[0]);
    expect(input.totalTokens).toBe(user.tokens + 1);
  });

  it("refuses a bad body with a 400 naming the field", async () => {
    const response = await ask({ systemMessage: "", messages: [{ role: "wizard", content: "x" }] });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/messages\.0\.role/);
  });
});
