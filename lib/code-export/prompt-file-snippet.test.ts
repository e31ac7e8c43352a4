/** The prompt-file script, run for real with node against a recording server, sends the body the playground would. */
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAiChatBody } from "../dialects/openai/request";
import { DEFAULT_PARAMS } from "../params";
import { fillRequest } from "../prompts/fill-request";
import { newPrompt, withNewVersion, type PromptContent } from "../prompts/prompt";
import { writePromptFile } from "../prompts/write-prompt-file";
import { openAiCompletion } from "../testing/openai-wire";
import { promptFileSnippet } from "./prompt-file-snippet";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prompt-file-snippet-"));
const recorded: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      recorded.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(openAiCompletion()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`;
});
afterAll(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const content: PromptContent = {
  systemMessage: "You answer for {{audience}}. Braces stay: \\{{x}}.",
  messages: [
    { role: "user", content: "Weather in {{city}}?" },
    { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "weather", arguments: '{"city":"Rome"}' }] },
    { role: "tool", content: '{"c":21}', toolCallId: "call_1" },
    { role: "assistant", content: "It is {{warm}} code, not a variable." },
    { role: "user", content: "And in {{ city }} tomorrow, for {{audience}}?" },
  ],
  params: { ...DEFAULT_PARAMS, temperature: 0.3, seed: 11, stop: ["###", "it's \"done\""], topK: 20 },
  options: { tools: [{ name: "weather", description: "Weather now", parameters: { type: "object", properties: { city: { type: "string" } } } }], toolChoice: "auto", responseFormat: { type: "json_schema", schema: { type: "object" }, name: "forecast" } },
  variables: [
    { name: "audience", type: "text", default: "travellers" },
    { name: "city", type: "text", default: "Rome" },
  ],
};

describe("promptFileSnippet", () => {
  it("loads the file, fills the variables and sends exactly the playground's body for that version", async () => {
    const prompt = withNewVersion(newPrompt("Weather \"guide\"", { ...content, systemMessage: "old" }), content, "v2");
    const version = prompt.versions[1];
    fs.writeFileSync(path.join(dir, "weather.prompt.json"), writePromptFile([prompt]));
    const script = promptFileSnippet({ promptId: prompt.id, promptName: prompt.name, fileName: "weather.prompt.json", version, target: { id: "this-server", label: "This server", baseUrl: base, keyEnv: "PLAYGROUND_API_KEY", dialects: ["openai"] }, model: "mistralai-mixtral-8x7b-instruct" });
    fs.writeFileSync(path.join(dir, "run-prompt.mjs"), script);

    const { stdout } = await run("node", [path.join(dir, "run-prompt.mjs")], { env: { ...process.env, PLAYGROUND_API_KEY: "sk-snippet-test" } });
    expect(stdout.trim().length).toBeGreaterThan(0);
    const [sent] = recorded;
    expect(sent.headers.authorization).toBe("Bearer sk-snippet-test");
    const expected = openAiChatBody(fillRequest(version, { audience: "travellers", city: "Rome" }), "mistralai-mixtral-8x7b-instruct", false);
    expect(sent.body).toEqual(expected);
    expect(sent.body.messages).toContainEqual({ role: "system", content: "You answer for travellers. Braces stay: {{x}}." });
  });
});
