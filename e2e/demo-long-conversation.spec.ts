import { expect, test, type Page } from "@playwright/test";
import { PlaygroundPage } from "./playground-page";

/** 30 exchanges, each reply a page of markdown: far more than a viewport holds. */
const EXCHANGES = 30;
const reply = (n: number) =>
  [`## Answer ${n}`, ...Array.from({ length: 6 }, (_, p) => `Paragraph ${p + 1} of answer ${n}, with **bold** words and enough text to wrap over a line or two in the reply column.`), "```ts", `const answer${n} = ${n};`, "```"].join("\n\n");
const messages = Array.from({ length: EXCHANGES }, (_, i) => [
  { role: "user", content: `Question ${i + 1}` },
  { role: "assistant", content: reply(i + 1) },
]).flat();

async function importConversation(page: Page) {
  await page.getByRole("button", { name: "History", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "History" });
  await dialog.getByLabel("Import conversation file").setInputFiles({ name: "long.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(messages)) });
  await expect(dialog).toBeHidden();
}

/** Each reply's place: whether its markdown is drawn, and where it is on screen. */
const replyStates = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('ol[aria-label="Conversation"] > li[aria-label="Assistant reply"]')].map((li) => {
      const rect = li.getBoundingClientRect();
      return { markdown: !!li.querySelector(".markdown h2"), top: rect.top, bottom: rect.bottom, text: li.querySelector('[data-testid="reply-text"]')?.textContent ?? "" };
    }),
  );

test.describe("a long conversation (demo model)", () => {
  test("replies far from the viewport show their text and draw their markdown as the reader scrolls to them, without moving what is read", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await importConversation(page);
    await expect(app.replies).toHaveCount(EXCHANGES);
    await expect(app.lastReply().locator(".markdown h2")).toHaveText(`Answer ${EXCHANGES}`);

    // Every reply's text is in the page (find in page, copy, assistive technology), the far ones as written.
    let states = await replyStates(page);
    expect(states[0].text).toContain("## Answer 1");
    expect(states[0].markdown).toBe(false);
    expect(states.every((s, i) => s.text.includes(`Answer ${i + 1}`))).toBe(true);
    // Those in view are drawn.
    const viewport = page.viewportSize()!.height;
    for (const s of states) if (s.bottom > 0 && s.top < viewport) expect(s.markdown).toBe(true);

    // Scrolling up a step at a time (less than the 300 px the replies are drawn ahead): what is on screen stays where the scroll puts it, though the
    // replies above it draw their markdown (taller or shorter than their plain text) as they near.
    const drawnBefore = states.filter((s) => s.markdown).length;
    for (let step = 0; step < 150 && (await page.evaluate(() => window.scrollY)) > 0; step++) {
      const anchor = await page.evaluate(() => {
        const items = [...document.querySelectorAll('ol[aria-label="Conversation"] > li')];
        const index = items.findIndex((li) => li.getBoundingClientRect().top >= 0);
        return { index, top: items[index].getBoundingClientRect().top, scrollY: window.scrollY };
      });
      await page.evaluate(() => window.scrollBy(0, -250));
      // Two frames: the observer's callback, then the drawn markdown and the correction.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))));
      const after = await page.evaluate((index) => document.querySelectorAll('ol[aria-label="Conversation"] > li')[index].getBoundingClientRect().top, anchor.index);
      // The page corrects its scroll by what grew above, so the item moves by what was asked, no more, no less.
      const asked = Math.min(250, anchor.scrollY);
      expect(Math.abs(after - anchor.top - asked), `step ${step}: the item at the top moved ${after - anchor.top} px for a ${asked} px scroll`).toBeLessThanOrEqual(1);
    }
    states = await replyStates(page);
    expect(states.filter((s) => s.markdown).length).toBeGreaterThan(drawnBefore);
    // At the top, the first reply is drawn as markdown, its heading a heading.
    await expect(app.replies.first().locator(".markdown h2")).toHaveText("Answer 1");
  });
});
