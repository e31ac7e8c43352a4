import { expect, test, type Page } from "@playwright/test";
import { MOCK_URL } from "./support/constants";
import { PlaygroundPage, ShareDialog } from "./playground-page";

const PAYLOADS = [
  "<script>alert('script')</script>",
  "<img src=x onerror=\"alert('img')\">",
  "[click me](javascript:alert('link'))",
  "<a href=\"javascript:alert('raw link')\">raw link</a>",
  "<iframe src=\"javascript:alert('iframe')\"></iframe>",
  "<svg onload=alert('svg')></svg>",
  "<b onmouseover=alert('hover')>bold?</b>",
];
const USER_MESSAGE = `Please repeat these: ${PAYLOADS.join(" ")}`;
const REPLY = [`Here they are:\n\n`, ...PAYLOADS.map((p) => `${p}\n\n`), "![pic](javascript:alert('image'))\n"];

/** Proves nothing ran: any alert/confirm/prompt fails the test. */
function forbidDialogs(page: Page, seen: string[]) {
  page.on("dialog", (dialog) => {
    seen.push(dialog.message());
    void dialog.dismiss();
  });
}

async function expectInert(page: Page, seen: string[]) {
  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation).toContainText("<script>alert('script')</script>");
  await expect(conversation).toContainText("<img src=x onerror=");
  await expect(conversation.locator("script, img, iframe, svg, [onerror], [onload], [onmouseover]")).toHaveCount(0);
  await expect(conversation.locator('a[href^="javascript:"]')).toHaveCount(0);
  // Hover and click everything that looks clickable: still nothing runs.
  for (const text of ["click me", "bold?"]) {
    const target = conversation.getByText(text).first();
    await target.hover();
    await target.click();
  }
  expect(seen).toEqual([]);
}

test("model and user HTML, script and javascript: links render as inert text in the playground and on the share page", async ({ page, browser, request }) => {
  await request.post(`${MOCK_URL}/__reset`);
  await request.post(`${MOCK_URL}/__control`, { data: { reply: REPLY } });
  const seen: string[] = [];
  forbidDialogs(page, seen);

  const app = new PlaygroundPage(page);
  await app.open();
  await app.send(USER_MESSAGE);
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  await expectInert(page, seen);

  const share = new ShareDialog(page);
  await share.open();
  const url = await share.createLink();
  await share.dialog.getByRole("button", { name: "Close" }).click();

  const context = await browser.newContext();
  const reader = await context.newPage();
  forbidDialogs(reader, seen);
  await reader.goto(url);
  await expect(reader).toHaveTitle(/^“Please repeat these: <script>/);
  await expectInert(reader, seen);

  await reader.getByRole("link", { name: "Open in playground" }).click();
  await expect(new PlaygroundPage(reader).lastReply()).toHaveAttribute("data-state", "done");
  await expectInert(reader, seen);
  await context.close();
});
