/**
 * With ACCESS_KEYS set, the page keeps prompts in its key's library on the server: a second browser
 * with the same code sees them, a browser with another code does not, and an SDK client with the key
 * reads the same library. Prompts saved in a browser before move into the server library on request.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/own-server";

const KEY_A = "e2e-prompt-library-key-alpha-1";
const KEY_B = "e2e-prompt-library-key-bravo-2";
let server: OwnServer;

test.beforeAll(async () => {
  server = await startOwnServer(3113, { ACCESS_KEYS: `${KEY_A},${KEY_B}` });
});
test.afterAll(async () => {
  await server?.stop();
});

/** A new browser context that entered `key` as its access code. */
async function signedIn(browser: Browser, key: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.url })).newPage();
  await page.goto("/");
  await page.getByRole("textbox", { name: "Access code" }).fill(key);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  return page;
}

async function libraryNames(page: Page): Promise<string[]> {
  await page.getByRole("button", { name: "Prompts", exact: true }).click();
  const library = page.getByRole("dialog", { name: "Prompt library" });
  const list = library.getByRole("list", { name: "Saved prompts" });
  // Loaded: the list is there and no "Loading…" is left (the dialog's own, or the library's).
  await expect(list).toBeAttached();
  await expect(library.getByText("Loading…")).toHaveCount(0);
  const names = await list.getByRole("listitem").locator("p.font-medium").allTextContents();
  await library.getByRole("button", { name: "Close" }).click();
  return names;
}

test("each access key has its own server library, shared by its browsers and its SDK clients", async ({ browser, request }) => {
  const alice = await signedIn(browser, KEY_A);
  await alice.getByRole("textbox", { name: "System Message" }).fill("Answer about {{topic}}.");
  await alice.getByRole("button", { name: "Save prompt" }).click();
  const save = alice.getByRole("dialog", { name: "Save prompt" });
  await expect(save.getByText("Prompts are kept on the server, for your access key.")).toBeVisible();
  await save.getByRole("textbox", { name: "Name" }).fill("Team prompt");
  await save.getByRole("button", { name: "Save", exact: true }).click();
  await expect(save.getByRole("status")).toHaveText('Saved "Team prompt", version 1.');
  await save.getByRole("button", { name: "Close" }).click();

  // The same key in another browser: the same library. Another key: none of it.
  expect(await libraryNames(await signedIn(browser, KEY_A))).toEqual(["Team prompt"]);
  expect(await libraryNames(await signedIn(browser, KEY_B))).toEqual([]);

  const listed = await (await request.get(`${server.url}/api/v1/prompts`, { headers: { Authorization: `Bearer ${KEY_A}` } })).json();
  expect(listed.data).toMatchObject([{ name: "Team prompt", versions: 1 }]);
  expect((await (await request.get(`${server.url}/api/v1/prompts`, { headers: { Authorization: `Bearer ${KEY_B}` } })).json()).data).toEqual([]);
});

test("prompts saved in this browser move into the server library on request", async ({ browser }) => {
  const page = await signedIn(browser, KEY_B);
  // Saved in this browser's IndexedDB before the app had keys (the library's own format).
  await page.evaluate(async () => {
    const open = indexedDB.open("playground-prompts");
    open.onupgradeneeded = () => open.result.createObjectStore("prompts");
    const db: IDBDatabase = await new Promise((resolve) => (open.onsuccess = () => resolve(open.result)));
    const version = { version: 1, createdAt: new Date().toISOString(), systemMessage: "Old and local.", messages: [], params: { temperature: 0.7, maxTokens: 1000, topP: 0.9, frequencyPenalty: 0, presencePenalty: 0 }, variables: [] };
    const tx = db.transaction("prompts", "readwrite");
    tx.objectStore("prompts").put({ id: "local_prompt_0001", name: "From before", versions: [version], labels: {} }, "local_prompt_0001");
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });
  await page.getByRole("button", { name: "Prompts", exact: true }).click();
  const library = page.getByRole("dialog", { name: "Prompt library" });
  const local = library.getByRole("region", { name: "Prompts in this browser" });
  await expect(local).toContainText("1 prompt is saved only in this browser.");
  await local.getByRole("button", { name: "Move to server library" }).click();
  await expect(local.getByRole("status")).toContainText("Moved 1 prompt to your server library: 1 prompt added.");
  const list = library.getByRole("list", { name: "Saved prompts" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).toContainText("From before");
  await expect(local).not.toContainText("saved only in this browser");
});
