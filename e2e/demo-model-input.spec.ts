import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./playground-page";

test("Show model input: the template the embedded engine evaluated, turn by turn, its count equal to the reply's prompt tokens", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await page.getByRole("textbox", { name: "System Message" }).fill("Answer in one word.");
  await app.numberInput("Max Tokens").fill("5");
  await app.numberInput("Max Tokens").press("Enter");
  await app.send("Name a planet");
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  const reply = (await app.lastReplyText().textContent()) ?? "";
  expect(reply.trim()).not.toBe("");
  await app.send("And a moon of it");
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  const promptTokens = await app.lastReply().locator('[data-stat="prompt-tokens"]').textContent();

  await app.lastReply().getByRole("button", { name: "Show model input" }).click();
  const dialog = page.getByRole("dialog", { name: "Model input" });
  await expect(dialog.getByTestId("model-input-source")).toContainText(`Exactly what the embedded engine evaluated for this reply: ${promptTokens} tokens`);
  // Mixtral's template: the system message folded into the first turn, the earlier reply closed with </s>.
  const text = (await dialog.getByTestId("model-input-text").textContent()) ?? "";
  expect(text.startsWith("<s>[INST] Answer in one word.\n\nName a planet [/INST]")).toBe(true);
  expect(text.endsWith("</s>[INST] And a moon of it [/INST]")).toBe(true);
  // The earlier reply, as the model wrote it (the page shows it as markdown: compare its first word).
  expect(text).toContain(`[/INST]${reply.trim().split(/\s+/)[0].replace(/[^A-Za-z0-9]+$/, "")}`);
  await expect(dialog.getByRole("list", { name: "Turns the model read" }).getByRole("listitem")).toHaveCount(5);
  await expect(dialog.getByText("Stops at:")).toContainText('"</s>"');
});
