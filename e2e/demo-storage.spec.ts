import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./playground-page";

const STORE_KEY = "playground-conversation";

test("when the browser refuses to store the conversation (storage full), the page says so; once a write succeeds the notice goes and a reload keeps it all", async ({ page }) => {
  // The browser's own refusal, for the conversation's record only, while `__storageFull` holds.
  await page.addInitScript((key) => {
    const w = window as unknown as { __storageFull: boolean };
    w.__storageFull = true;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k === key && w.__storageFull) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return setItem.call(this, k, v);
    };
  }, STORE_KEY);
  const app = new PlaygroundPage(page);
  await app.open();
  await app.numberInput("Max Tokens").fill("8");
  await app.numberInput("Max Tokens").press("Tab");
  await app.send("Kept only in memory");
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  const notice = page.getByRole("alert").filter({ hasText: "This browser refused to save the playground" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("a reload would show what was saved before");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="storage-refused"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(violations.map((v) => `${scheme}: ${v.id}`)).toEqual([]);
  }

  // Room again: the next write stores the whole conversation, and the notice goes.
  await page.evaluate(() => ((window as unknown as { __storageFull: boolean }).__storageFull = false));
  await app.send("Saved again");
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("listitem", { name: "Your message" })).toHaveText(["Kept only in memory", "Saved again"].map((t) => new RegExp(t)));
});
