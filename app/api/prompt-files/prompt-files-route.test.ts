/** POST /api/prompt-files/read checks a prompt file for the page: all or nothing, faults named by path, capped. */
import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "@/lib/params";
import { newPrompt } from "@/lib/prompts/prompt";
import { writePromptFile } from "@/lib/prompts/write-prompt-file";
import { POST } from "./read/route";

const post = (body: string, headers: Record<string, string> = {}) =>
  POST(new Request("http://app/api/prompt-files/read", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body }));
const file = () => JSON.parse(writePromptFile([newPrompt("Guide", { systemMessage: "Hi {{x}}", messages: [], params: DEFAULT_PARAMS, variables: [{ name: "x", type: "text" }] })]));

describe("POST /api/prompt-files/read", () => {
  it("returns the prompts of a valid file", async () => {
    const response = await post(JSON.stringify(file()));
    expect(response.status).toBe(200);
    expect((await response.json()).prompts[0]).toMatchObject({ name: "Guide", versions: [{ version: 1, systemMessage: "Hi {{x}}" }] });
  });

  it("answers 400 naming each fault by its path", async () => {
    const bad = file();
    bad.prompts[0].versions[0].params.topP = 5;
    bad.prompts[0].versions[0].variables[0].name = "9lives";
    const response = await post(JSON.stringify(bad));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("invalid_prompt_file");
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { field: "prompts[0].versions[0].params.topP", message: "Top P must be at most 1" },
        { field: "prompts[0].versions[0].variables[0].name", message: "name must be letters, digits and _, not starting with a digit" },
      ]),
    );
  });

  it("refuses a file over 5 MB with 413 and one from another site with 403", async () => {
    const huge = JSON.stringify({ ...file(), padding: "x".repeat(5_000_001) });
    expect((await post(huge)).status).toBe(413);
    expect((await post(JSON.stringify(file()), { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
  });
});
