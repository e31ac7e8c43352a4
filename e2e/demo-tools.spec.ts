import { expect, test } from "@playwright/test";
import { PlaygroundPage, ShareDialog } from "./playground-page";

test.describe("functions and JSON on the demo model", () => {
  test("get_weather: a streamed call appears, a result is entered, the conversation goes on, and the share shows it all", async ({ page, browser }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("60");
    await app.numberInput("Max Tokens").press("Tab");
    // Seeded, so the share can reproduce the replies.
    await page.getByRole("spinbutton", { name: "Seed" }).fill("1357");
    await page.getByText("Functions", { exact: true }).click();
    await page.getByRole("button", { name: "get_weather" }).click();
    const editor = page.getByRole("textbox", { name: "Function definitions (JSON)" });
    await expect(editor).toHaveValue(/"name": "get_weather"/);
    await expect(page.getByText("Valid JSON.").first()).toBeVisible();

    // The editor says what is wrong and where, as you type.
    const valid = await editor.inputValue();
    await editor.fill(valid.replace('"description": "Current weather for a city.",', '"description": "Current weather for a city."'));
    await expect(page.getByText(/^Line \d+, column \d+: .* Not sent until fixed\.$/)).toBeVisible();
    await editor.fill(valid);

    const choice = page.getByRole("combobox", { name: "Tool choice" });
    await choice.selectOption({ label: "Only get_weather" });
    await app.send("What is the weather in Paris?");
    const card = app.lastReply().getByTestId("tool-call");
    await expect(card.getByTestId("tool-call-name")).toHaveText("get_weather");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    const args = JSON.parse((await card.getByTestId("tool-call-arguments").innerText()).trim()) as { city: unknown; unit: unknown };
    expect(typeof args.city).toBe("string");
    expect(["celsius", "fahrenheit"]).toContain(args.unit);

    // The user runs the function, enters its result, and the model goes on (auto: it may answer in text).
    await choice.selectOption({ label: "Auto: the model decides" });
    await page.getByRole("textbox", { name: "Result of get_weather" }).fill('{"temperature": 18, "unit": "celsius"}');
    await page.getByRole("button", { name: "Send result" }).click();
    await expect(page.getByRole("listitem", { name: "Function result" }).getByTestId("tool-result")).toHaveText('{"temperature": 18, "unit": "celsius"}');
    await expect(app.replies).toHaveCount(2);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");

    // Calls and results travel with the conversation into a share.
    const share = new ShareDialog(page);
    await share.open();
    const url = await share.createLink();
    const reader = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await reader.goto(url);
    await expect(reader.getByTestId("tool-call-name")).toHaveText("get_weather");
    await expect(reader.getByTestId("tool-result")).toHaveText('{"temperature": 18, "unit": "celsius"}');
    // The call and the reply after it were generated here: both signed, both verified.
    await expect(reader.getByTestId("unverified-reply")).toHaveCount(0);

    // Each reply keeps the functions offered with it (its signature covers them), so Reproduce sends
    // the same request again (before, a conversation with functions could not be reproduced). Not on
    // the call itself: Reproduce compares text.
    const runner = await (await browser.newContext()).newPage();
    await runner.goto(url);
    const replies = runner.getByRole("listitem", { name: "Assistant reply" });
    await expect(replies).toHaveCount(2);
    await expect(replies.nth(1).getByRole("button", { name: "Reproduce", exact: true })).toBeVisible();
    await expect(replies.nth(0).getByRole("button", { name: /Reproduce/ })).toHaveCount(0);
    await replies.nth(1).getByRole("button", { name: "Reproduce", exact: true }).click();
    await expect(replies.nth(1).getByTestId("reproduce-result")).toHaveText(/^Identical: /, { timeout: 30_000 });
  });

  test("JSON schema mode: the reply is valid against the schema and the badge says so", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("200");
    await app.numberInput("Max Tokens").press("Tab");
    await page.getByRole("combobox", { name: "Response format" }).selectOption({ label: "JSON schema" });
    await expect(page.getByRole("textbox", { name: "JSON Schema" })).toHaveValue(/"rating"/);
    await app.send("Review a film as JSON");
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    const badge = app.lastReply().getByTestId("json-badge");
    await expect(badge).toHaveText("✓ Valid against the schema");
    const value = JSON.parse(await app.lastReply().getByTestId("json-formatted").innerText()) as { title: string; rating: number; genre: string };
    expect(value.title.length).toBeLessThanOrEqual(40);
    expect(Number.isInteger(value.rating) && value.rating >= 1 && value.rating <= 5).toBe(true);
    expect(["drama", "comedy", "documentary"]).toContain(value.genre);
  });
});
