import { expect, test, type Page } from "@playwright/test";
import { PlaygroundPage, scrollOpenDialog } from "./playground-page";

/** Sends `text` with a short reply and waits for it to finish. */
async function ask(app: PlaygroundPage, text: string) {
  const replies = await app.replies.count();
  await app.send(text);
  await expect(app.replies).toHaveCount(replies + 1);
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
}

const historyDialog = (page: Page) => page.getByRole("dialog", { name: "History" });

async function openHistory(page: Page) {
  await page.getByRole("button", { name: "History", exact: true }).click();
  const dialog = historyDialog(page);
  await expect(dialog.getByRole("list", { name: "Conversations" })).toBeVisible();
  return dialog;
}

test.describe("History and branches (demo model)", () => {
  test("conversations are kept: search, open, rename, delete with undo; a branch becomes a new conversation", async ({ page }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("6");
    await app.numberInput("Max Tokens").press("Enter");

    await ask(app, "Tides and the moon");
    await ask(app, "And on Mars?");
    await app.button("New conversation").click();
    await ask(app, "Quantum computing basics");

    let dialog = await openHistory(page);
    const rows = dialog.getByRole("list", { name: "Conversations" }).getByRole("listitem");
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText("Quantum computing basics");
    await expect(rows.first()).toContainText("(open now)");
    await expect(rows.nth(1)).toContainText("Tides and the moon");
    await expect(rows.nth(1)).toContainText("4 messages");

    // Search reads titles and the text of every message.
    const search = dialog.getByRole("searchbox", { name: "Search conversations" });
    await search.fill("mars");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Tides and the moon");
    await search.fill("");

    // Rename.
    await dialog.getByRole("group", { name: "Actions for Tides and the moon" }).getByRole("button", { name: "Rename" }).click();
    await dialog.getByRole("textbox", { name: "Title" }).fill("Tides notes");
    await dialog.getByRole("button", { name: "Save title" }).click();
    await expect(rows.nth(1)).toContainText("Tides notes");

    // Open: the conversation comes back with its id (it stays one row).
    await dialog.getByRole("group", { name: "Actions for Tides notes" }).getByRole("button", { name: "Open" }).click();
    await expect(historyDialog(page)).toBeHidden();
    await expect(app.userTexts).toHaveText(["Tides and the moon", "And on Mars?"]);

    // Branch from the first reply: a new conversation with the path up to it; the original stays.
    await app.replies.first().getByRole("button", { name: "Branch into new conversation" }).click();
    await expect(app.userTexts).toHaveText(["Tides and the moon"]);
    await expect(app.replies).toHaveCount(1);
    await ask(app, "And on Venus?");

    // Survives a reload; delete and undo.
    await page.reload();
    await expect(page.locator('[data-ready="true"]')).toBeVisible();
    await expect(app.userTexts).toHaveText(["Tides and the moon", "And on Venus?"]);
    dialog = await openHistory(page);
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toContainText("(open now)");
    await dialog.getByRole("group", { name: "Actions for Quantum computing basics" }).getByRole("button", { name: "Delete" }).click();
    await expect(dialog.getByRole("status")).toContainText('Deleted "Quantum computing basics".');
    await expect(rows).toHaveCount(2);
    await dialog.getByRole("button", { name: "Undo" }).click();
    await expect(rows).toHaveCount(3);
    await expect(dialog.getByRole("status")).toContainText('Restored "Quantum computing basics".');
  });

  test("a long History draws only the rows near the view, counts them all, and reaches the last by scrolling", async ({ page }) => {
    const total = 300;
    // 300 past conversations, newest first, written as the app keeps them (IndexedDB layout 2).
    await page.goto("/api/health/live");
    await page.evaluate(
      (total) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open("playground-conversations", 2);
          request.onupgradeneeded = () => ["conversations", "texts", "index"].forEach((store) => request.result.createObjectStore(store));
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const transaction = db.transaction(["texts", "index"], "readwrite");
            const listings = Array.from({ length: total }, (_, i) => ({ id: `c${i + 1}`, title: `Conversation ${i + 1}`, updatedAt: new Date(Date.UTC(2026, 10, 30) - i * 60_000).toISOString(), messageCount: 2 }));
            for (const listing of listings) transaction.objectStore("texts").put(`${listing.title.toLowerCase()} about the tides`, listing.id);
            transaction.objectStore("index").put(listings, "listings");
            transaction.oncomplete = () => (db.close(), resolve());
            transaction.onerror = () => reject(transaction.error);
          };
        }),
      total,
    );
    const app = new PlaygroundPage(page);
    await app.open();
    const dialog = await openHistory(page);
    const list = dialog.getByRole("list", { name: "Conversations" });
    const rows = list.getByRole("listitem");
    await expect(dialog.getByRole("heading", { name: `Conversations (${total})` })).toBeVisible();
    await expect(rows.first()).toContainText("Conversation 1");
    await expect(rows.first()).toHaveAttribute("aria-setsize", String(total));
    const drawn = await rows.count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(60);

    // A rename begun on the first row, the focus then elsewhere: its draft outlives the row being scrolled away.
    await dialog.getByRole("group", { name: "Actions for Conversation 1", exact: true }).getByRole("button", { name: "Rename" }).click();
    await dialog.getByRole("textbox", { name: "Title" }).fill("Tides, first draft");
    await dialog.getByRole("searchbox", { name: "Search conversations" }).focus();

    // Scrolled to the end, the oldest is drawn, in view, with its place in the whole list.
    await scrollOpenDialog(page, "end");
    const last = rows.filter({ hasText: `Conversation ${total}` });
    await expect(last).toBeInViewport();
    await expect(last).toHaveAttribute("aria-posinset", String(total));
    await expect(list.locator('li[aria-posinset="1"]')).toHaveCount(0);
    await scrollOpenDialog(page, "start");
    await expect(dialog.getByRole("textbox", { name: "Title" })).toHaveValue("Tides, first draft");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // A search narrows the list and draws it from its top.
    await dialog.getByRole("searchbox", { name: "Search conversations" }).fill("conversation 29");
    await expect(dialog.getByRole("heading", { name: `Conversations (11 of ${total})` })).toBeVisible();
    await expect(rows).toHaveCount(11);
    await expect(rows.first()).toContainText("Conversation 29");
    await expect(rows.last()).toHaveAttribute("aria-posinset", "11");
  });
});
