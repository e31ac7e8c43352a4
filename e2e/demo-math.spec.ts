/**
 * Math in replies: KaTeX renders `\(…\)` and `\[…\]` in the chat and on share pages, currency and
 * code stay text, and KaTeX's code and CSS reach the browser only for a reply with math. The demo
 * model's replies are gibberish, so the replies here come from shares made through the API and
 * opened in the playground (`/?share=<id>`, where "Open in playground" lands).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PlaygroundPage, ShareDialog } from "./playground-page";

const MATH_REPLY = [
  "The square is \\(x^2\\) and the integral is",
  "",
  "\\[\\int_0^1 f\\]",
  "",
  "Prices stay text: $5 and $10. Code stays code: `$x$` and `\\(y\\)`.",
].join("\n");
const CURRENCY_REPLY = "It costs $5 and $10, or $5 with the discount.";

async function createShare(request: APIRequestContext, reply: string): Promise<{ url: string; id: string }> {
  const created = await request.post("/api/shares", {
    data: { params: {}, messages: [{ role: "user", content: `Math test ${Date.now()}: ${reply.slice(0, 20)}` }, { role: "assistant", content: reply }] },
  });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };
  return { url, id: url.slice(url.lastIndexOf("/") + 1) };
}

async function openInPlayground(page: Page, id: string): Promise<PlaygroundPage> {
  const app = new PlaygroundPage(page);
  await page.goto(`/?share=${id}`);
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await expect(app.lastReplyText()).toBeVisible();
  return app;
}

/**
 * What of KaTeX this page has: its CSS rules, its code among the scripts loaded (by a string only
 * KaTeX's code has; chunk names are hashes), and whether anything came from another origin.
 */
async function katexOnPage(page: Page): Promise<{ css: boolean; js: boolean; foreign: string[] }> {
  return page.evaluate(async () => {
    const rulesOf = (sheet: CSSStyleSheet) => {
      try {
        return [...sheet.cssRules];
      } catch {
        return []; // another origin's sheet: counted in `foreign` below
      }
    };
    const css = [...document.styleSheets].some((sheet) => rulesOf(sheet).some((rule) => rule.cssText.includes(".katex")));
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const scripts = resources.filter((r) => r.initiatorType === "script" || new URL(r.name).pathname.endsWith(".js")).map((r) => r.name);
    const bodies = await Promise.all(scripts.map(async (src) => (await fetch(src)).text()));
    return {
      css,
      js: bodies.some((body) => body.includes("KaTeX parse error")),
      foreign: resources.map((r) => r.name).filter((name) => new URL(name).origin !== location.origin),
    };
  });
}

test("a reply with \\(x^2\\) and \\[\\int_0^1 f\\] renders KaTeX in the chat and on its share page; currency and code stay text", async ({ page, browser, request }) => {
  const { url, id } = await createShare(request, MATH_REPLY);

  // The share page renders the math on the server: KaTeX's markup, without KaTeX's code.
  const reader = await browser.newPage();
  await reader.goto(url);
  const sharedReply = reader.getByRole("listitem", { name: "Assistant reply" }).getByTestId("reply-text");
  await expect(sharedReply.locator(".katex")).toHaveCount(2);
  await expect(sharedReply.locator(".katex-display")).toHaveCount(1);
  await expect(sharedReply.locator(".katex-display annotation")).toHaveText("\\int_0^1 f");
  await expect(sharedReply).toContainText("Prices stay text: $5 and $10.");
  await expect(sharedReply.locator("code").filter({ hasText: "$x$" })).toHaveCount(1);
  await expect(sharedReply.locator("code").filter({ hasText: "\\(y\\)" })).toHaveCount(1);
  await reader.waitForLoadState("networkidle");
  expect(await katexOnPage(reader)).toEqual({ css: true, js: false, foreign: [] });
  await reader.close();

  // It reads without JavaScript too.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(url);
  await expect(plain.getByRole("listitem", { name: "Assistant reply" }).locator(".katex")).toHaveCount(2);
  await noScript.close();

  // In the chat, KaTeX loads once a reply has math.
  const app = await openInPlayground(page, id);
  const reply = app.lastReplyText();
  await expect(reply.locator(".katex")).toHaveCount(2);
  await expect(reply.locator(".katex-display")).toHaveCount(1);
  await expect(reply.locator(".katex .katex-mathml math").first()).toBeAttached();
  await expect(reply).toContainText("Prices stay text: $5 and $10.");
  await expect(reply.locator("code").filter({ hasText: "$x$" })).toHaveCount(1);
  await expect(reply.locator("code").filter({ hasText: "\\(y\\)" })).toHaveCount(1);
  await page.waitForLoadState("networkidle");
  // Fonts included: every file came from this server.
  expect(await katexOnPage(page)).toEqual({ css: true, js: true, foreign: [] });
  expect(await page.evaluate(() => [...document.fonts].some((font) => font.family.includes("KaTeX") && font.status === "loaded"))).toBe(true);

  const { violations } = await new AxeBuilder({ page }).include('[data-testid="reply-text"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Shared again from the chat: its own share page renders the math too.
  const share = new ShareDialog(page);
  await share.open();
  const ownUrl = await share.createLink();
  await share.dialog.getByRole("button", { name: "Close" }).click();
  const ownPage = await browser.newPage();
  await ownPage.goto(ownUrl);
  await expect(ownPage.getByRole("listitem", { name: "Assistant reply" }).getByTestId("reply-text").locator(".katex")).toHaveCount(2);
  await ownPage.close();
});

test("a reply without math loads none of KaTeX's code or CSS, and its prices stay text", async ({ page, request }) => {
  const { id } = await createShare(request, CURRENCY_REPLY);
  const app = await openInPlayground(page, id);
  await expect(app.lastReplyText()).toHaveText(CURRENCY_REPLY);
  await expect(app.lastReplyText().locator(".katex")).toHaveCount(0);
  // The reply is on screen, so its markdown rendered and would have asked for KaTeX by now. An
  // absence can only be waited for: let any such request start and finish.
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  expect(await katexOnPage(page)).toEqual({ css: false, js: false, foreign: [] });

  // The empty playground neither.
  await page.goto("/");
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  expect(await katexOnPage(page)).toEqual({ css: false, js: false, foreign: [] });
});
