import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./playground-page";

const run = promisify(execFile);

test("View code targets this server's OpenAI- and Anthropic-compatible endpoints on the offline engine, and the snippets run", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await app.numberInput("Max Tokens").fill("8");
  await app.numberInput("Max Tokens").press("Tab");
  await page.getByRole("spinbutton", { name: "Seed" }).fill("99");
  await app.send("Say something short");
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");

  await page.getByRole("button", { name: "View code", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "View code" });
  await dialog.getByRole("radio", { name: "This server (local engine)" }).check();
  // This app serves both dialects itself, whatever its upstream.
  await expect(dialog.getByRole("radio", { name: "Anthropic-compatible" })).toBeEnabled();
  await dialog.getByRole("checkbox", { name: "Streaming" }).uncheck();
  const snippet = (await dialog.getByTestId("code-snippet").textContent())!;
  expect(snippet).toContain("/api/v1/chat/completions");
  expect(snippet).not.toMatch(/Authorization/);

  const { stdout } = await run("bash", ["-c", snippet], { timeout: 30_000 });
  const completion = JSON.parse(stdout) as { object: string; choices: { message: { content: string }; finish_reason: string }[]; usage: { completion_tokens: number } };
  expect(completion.object).toBe("chat.completion");
  expect(completion.choices[0].finish_reason).toBe("length");
  expect(completion.usage.completion_tokens).toBe(8);
  // Same seed and settings as the playground's request: the same reply.
  expect(completion.choices[0].message.content.trim()).toBe((await app.lastReplyText().innerText()).trim());

  // The Anthropic dialect: the app's /api/v1/messages (base URL /api), the same conversation.
  await dialog.getByRole("radio", { name: "Anthropic-compatible" }).check();
  const anthropic = (await dialog.getByTestId("code-snippet").textContent())!;
  expect(anthropic).toContain("/api/v1/messages");
  const message = JSON.parse((await run("bash", ["-c", anthropic], { timeout: 30_000 })).stdout) as { type: string; stop_reason: string; usage: { output_tokens: number } };
  expect(message).toMatchObject({ type: "message", stop_reason: "max_tokens", usage: { output_tokens: 8 } });
});
