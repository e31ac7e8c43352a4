import { expect, test } from "@playwright/test";
import { PlaygroundPage, ShareDialog } from "./playground-page";

test.describe("token probabilities on the demo model", () => {
  test("shaded tokens → a token's candidates with the cut-off → regenerate from an alternative token → the reply continues from it → shared without JavaScript", async ({ page, browser }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("24");
    await app.numberInput("Max Tokens").press("Tab");
    // A low Top P puts the cut-off among the listed candidates of the demo model's flat distribution.
    await app.numberInput("Top P").fill("0.15");
    await app.numberInput("Top P").press("Tab");
    await page.getByRole("spinbutton", { name: "Seed" }).fill("4242");

    const toggle = app.button("Probabilities");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("probability-legend")).toContainText("surprising");

    await app.send(`Probabilities ${Date.now()}: say something`);
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");

    // Shaded: every token is its own element with a band and its probability in its name.
    const tokens = app.lastReply().getByTestId("token-text").locator("[data-index]");
    expect(await tokens.count()).toBeGreaterThan(10);
    await expect(tokens.first()).toHaveAttribute("data-band", /^[0-4]$/);
    await expect(tokens.first()).toHaveAttribute("aria-label", /%/);
    const fullText = (await app.lastReply().getByTestId("token-text").textContent()) ?? "";

    // Keyboard: one tab stop; the arrow key moves to the next token, Enter opens its candidates.
    await tokens.first().focus();
    await page.keyboard.press("ArrowRight");
    await expect(tokens.nth(1)).toBeFocused();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: /^Token \d+:/ });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();

    // Click a token in the middle: the candidate list, before/after bars and the top-p cut-off line.
    const target = tokens.nth(6);
    const index = Number(await target.getAttribute("data-index"));
    const prefix = (await tokens.evaluateAll((spans, at) => spans.filter((s) => Number((s as HTMLElement).dataset.index) < at).map((s) => s.textContent).join(""), index)) ?? "";
    await target.click();
    await expect(dialog).toBeVisible();
    const candidates = dialog.getByTestId("candidate");
    await expect(candidates).toHaveCount(10);
    await expect(dialog.locator('[data-testid="candidate"][aria-current="true"]')).toHaveCount(1);
    await expect(dialog.getByTestId("cut-off")).toContainText("Top P 0.15 cut-off");
    await expect(dialog).toContainText("Temperature 0.7, Top P 0.15");

    // Pick an alternative the reply did not have, and continue from it.
    const alternative = candidates.and(page.locator(':not([aria-current="true"])')).first();
    const alternativeText = ((await alternative.locator("code").textContent()) ?? "").replace(/^“|”$/g, "").replace(/↵/g, "\n");
    await alternative.getByRole("button", { name: /^Regenerate from here with/ }).click();
    await expect(dialog).toBeHidden();
    await expect(app.lastReply()).toHaveAttribute("data-state", "done");
    await expect(app.replies).toHaveCount(1);

    const continued = (await app.lastReply().getByTestId("token-text").textContent()) ?? "";
    expect(continued.startsWith(prefix + alternativeText)).toBe(true);
    expect(continued.length).toBeGreaterThan((prefix + alternativeText).length);
    expect(continued).not.toBe(fullText);
    await expect(app.lastReply().locator("[data-picked]")).toHaveCount(1);
    await expect(app.lastReply()).toContainText(`Continued from token ${index + 1}, which you chose.`);

    // Shared: the page shows the shading and every token's candidates with JavaScript off.
    const share = new ShareDialog(page);
    await share.open();
    const url = await share.createLink("1 day");
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const reader = await noScript.newPage();
    expect((await reader.goto(url))?.status()).toBe(200);
    const shared = reader.getByTestId("shared-probabilities");
    await expect(shared).toHaveCount(1);
    await shared.locator("summary").click();
    const sharedTokens = shared.getByTestId("shared-token-text").locator("a[data-band]");
    expect(await sharedTokens.count()).toBe(await tokens.count());
    await expect(sharedTokens.first()).toHaveAttribute("title", /%.*candidates: “/);
    await expect(shared.locator(`#m1-t${index}`)).toContainText("(chosen by the user)");
    await expect(reader.getByText(`Continued from token ${index + 1}, which the user chose.`)).toBeVisible();
    await noScript.close();
  });
});
