import { expect, test, type Page } from "@playwright/test";
import { PlaygroundPage, ShareDialog } from "./playground-page";

const sharedReplies = (page: Page) => page.getByRole("listitem", { name: "Assistant reply" });
const seed = (page: Page) => page.getByRole("spinbutton", { name: "Seed" });

/** Sends `prompt` and waits for the whole reply. */
async function ask(app: PlaygroundPage, prompt: string) {
  await app.send(prompt);
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
}

async function shareLink(page: Page): Promise<string> {
  const share = new ShareDialog(page);
  await share.open();
  const url = await share.createLink();
  await share.dialog.getByRole("button", { name: "Close" }).click();
  return url;
}

test.describe("Reproduce on a share page", () => {
  test("Reproduce on a demo-model share says identical; Stop ends a run part way, identical so far", async ({ page, browser }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    // Long enough (at the demo's 40 tokens/s) to press Stop while the reproduction runs.
    await app.numberInput("Max Tokens").fill("120");
    await app.numberInput("Max Tokens").press("Tab");
    // Not greedy: only the seed makes the run repeatable.
    await app.numberInput("Temperature").fill("0.9");
    await app.numberInput("Temperature").press("Tab");
    await seed(page).fill("4321");
    await ask(app, `Reproduce test ${Date.now()}: tell a story`);
    const url = await shareLink(page);

    // A stranger, with no key and no history with this conversation.
    const stranger = await browser.newContext();
    const reader = await stranger.newPage();
    await reader.goto(url);
    const reply = sharedReplies(reader);
    await expect(reply).toHaveCount(1);
    const result = reply.getByTestId("reproduce-result");
    // The demo engine takes seeds: no caveat.
    await expect(reply.getByTestId("reproduce-seed-ignored")).toHaveCount(0);

    // Stop part way: what came so far matches.
    await reply.getByRole("button", { name: "Reproduce", exact: true }).click();
    await expect(result).toHaveText("Reproducing…");
    await expect(reply.getByTestId("reproduce-progress")).toHaveText(/^[1-9]\d* words so far$/);
    await reply.getByRole("button", { name: "Stop" }).click();
    await expect(result).toHaveText(/^Stopped after \d+ words\. Identical so far\.$/);

    // The whole run: only the reply's signature goes up, the server sends the shared request again.
    const [sent] = await Promise.all([
      reader.waitForRequest((r) => r.url().endsWith("/reproduce") && r.method() === "POST"),
      reply.getByRole("button", { name: "Reproduce again" }).click(),
    ]);
    expect(Object.keys(sent.postDataJSON() as object)).toEqual(["signature"]);
    await expect(result).toHaveText("Identical: this server's upstream wrote the same reply, word for word.", { timeout: 30_000 });
    await expect(reply.getByTestId("reproduce-diff")).toHaveCount(0);
    await stranger.close();
  });

  // Before replies kept their JSON form, Reproduce sent the request without it: the engine sampled
  // free text instead of under the schema's grammar, and the page said the runs diverged.
  test("a reply in JSON schema mode reproduces identical: the share keeps the form it was asked for, and the run asks for it again", async ({ page, browser }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("200");
    await app.numberInput("Max Tokens").press("Tab");
    await app.numberInput("Temperature").fill("0.9");
    await app.numberInput("Temperature").press("Tab");
    await seed(page).fill("2468");
    await page.getByRole("combobox", { name: "Response format" }).selectOption({ label: "JSON schema" });
    await ask(app, `Review a film as JSON ${Date.now()}`);
    await expect(app.lastReply().getByTestId("json-badge")).toHaveText("✓ Valid against the schema");
    const url = await shareLink(page);

    const stranger = await browser.newContext();
    const reader = await stranger.newPage();
    await reader.goto(url);
    const reply = sharedReplies(reader);
    await expect(reply.getByTestId("unverified-reply")).toHaveCount(0);
    await reply.getByRole("button", { name: "Reproduce", exact: true }).click();
    await expect(reply.getByTestId("reproduce-result")).toHaveText("Identical: this server's upstream wrote the same reply, word for word.", { timeout: 30_000 });
    await stranger.close();
  });

  test("no Reproduce on a reply sampled without a seed, nor on an edited copy of a seeded one", async ({ page, request }) => {
    const app = new PlaygroundPage(page);
    await app.open();
    await app.numberInput("Max Tokens").fill("12");
    await app.numberInput("Max Tokens").press("Tab");
    await seed(page).fill("77");
    await ask(app, `Seeded ${Date.now()}`);
    await seed(page).fill("");
    await ask(app, "And without a seed");
    const url = await shareLink(page);

    await page.goto(url);
    const replies = sharedReplies(page);
    await expect(replies).toHaveCount(2);
    // The seeded reply offers it (which also shows the page is hydrated), the seedless one does not.
    await expect(replies.nth(0).getByRole("button", { name: "Reproduce", exact: true })).toBeVisible();
    await expect(replies.nth(1).getByRole("button", { name: /Reproduce/ })).toHaveCount(0);

    // The same seeded reply, its text edited, in a share made through the API: marked, and not offered.
    const id = url.split("/s/")[1];
    const { snapshot } = (await (await request.get(`/api/shares/${id}`)).json()) as { snapshot: { messages: { role: string; content: string }[] } };
    const [question, seeded] = snapshot.messages;
    const created = await request.post("/api/shares", {
      data: { params: {}, messages: [question, seeded, { role: "user", content: "Once more" }, { ...seeded, content: `${seeded.content} (edited)` }] },
    });
    expect(created.status()).toBe(201);
    await page.goto(((await created.json()) as { url: string }).url);
    const copied = sharedReplies(page);
    await expect(copied.nth(0).getByRole("button", { name: "Reproduce", exact: true })).toBeVisible();
    await expect(copied.nth(1).getByTestId("unverified-reply")).toBeVisible();
    await expect(copied.nth(1).getByRole("button", { name: /Reproduce/ })).toHaveCount(0);
  });
});
