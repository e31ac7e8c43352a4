/**
 * With ACCESS_KEYS set, the playground asks once for an access code and keeps proof of it in
 * an httpOnly, SameSite cookie; /api/v1 wants the key itself. Unset (every other server in
 * this suite), the app stays open.
 */
import { expect, test } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/own-server";

const KEY = "e2e-access-code-4f7a2c9d";
let server: OwnServer;

test.beforeAll(async () => {
  server = await startOwnServer(3104, { ACCESS_KEYS: KEY });
});
test.afterAll(async () => {
  await server?.stop();
});

test("asks for the access code once, then opens the playground", async ({ page, context, request }) => {
  await page.goto(server.url);
  await expect(page.getByRole("heading", { name: "Access code" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toHaveCount(0);
  expect((await request.post(`${server.url}/api/chat`, { data: { messages: [{ role: "user", content: "hi" }] } })).status()).toBe(401);

  const code = page.getByRole("textbox", { name: "Access code" });
  await code.fill("not-the-code-123");
  await code.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "access code" })).toHaveText("That access code is not valid.");

  await code.fill(KEY);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
  const [cookie] = await context.cookies(server.url);
  expect(cookie).toMatchObject({ name: "playground_access", httpOnly: true, sameSite: "Strict" });
  expect(cookie.value).not.toContain(KEY);

  // Remembered: a new visit goes straight to the playground.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();

  // The served API takes the key itself, not the cookie.
  const api = (headers: Record<string, string>) => request.post(`${server.url}/api/v1/chat/completions`, { headers, data: { messages: [{ role: "user", content: "hi" }] } });
  expect((await api({})).status()).toBe(401);
  expect((await api({ Authorization: `Bearer ${KEY}` })).status()).not.toBe(401);
});
