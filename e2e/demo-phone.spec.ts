import { expect, test, type Page } from "@playwright/test";
import { PlaygroundPage, ShareDialog } from "./playground-page";

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("on a 375 px phone the Share and View code dialogs fit, work from the keyboard, and the share page reads", async ({ page, browser }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const app = new PlaygroundPage(page);
  await app.open();
  await app.button("Show parameters").click();
  await app.numberInput("Max Tokens").fill("6");
  await app.numberInput("Max Tokens").press("Tab");
  await app.send(`Phone check ${Date.now()}`);
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

  // View code: opened and closed with the keyboard; the code scrolls inside its own box.
  await page.getByRole("button", { name: "View code", exact: true }).focus();
  await page.keyboard.press("Enter");
  const code = page.getByRole("dialog", { name: "View code" });
  await expect(code).toBeVisible();
  expect((await code.boundingBox())!.width).toBeLessThanOrEqual(375);
  await code.getByRole("button", { name: "Python", exact: true }).click();
  await expect(code.getByTestId("code-snippet")).toContainText("import requests");
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.keyboard.press("Escape");
  await expect(code).toBeHidden();

  const share = new ShareDialog(page);
  await share.open();
  expect((await share.dialog.boundingBox())!.width).toBeLessThanOrEqual(375);
  const url = await share.createLink();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.keyboard.press("Escape");

  const phone = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const reader = await phone.newPage();
  await reader.goto(url);
  await expect(reader.getByRole("heading", { name: "Settings used" })).toBeVisible();
  expect(await horizontalOverflow(reader)).toBeLessThanOrEqual(0);
  await phone.close();
});
