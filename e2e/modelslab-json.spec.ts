import { expect, test } from "@playwright/test";
import { MOCK_URL } from "./support/constants";
import { PlaygroundPage } from "./playground-page";

test.beforeEach(async ({ request }) => {
  await request.post(`${MOCK_URL}/__reset`);
});

test("a JSON schema on ModelsLab (no json_schema documented) goes as JSON mode plus the schema in the instructions, and the reply says so", async ({ page, request }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await page.getByRole("combobox", { name: "Response format" }).selectOption({ label: "JSON schema" });
  await expect(page.getByText("This upstream does not enforce schemas: it gets JSON mode, with the schema in the instructions.")).toBeVisible();
  await app.send("Review a film");
  await expect(app.lastReply()).toHaveAttribute("data-state", "done");
  await expect(app.lastReply().getByTestId("reply-warnings")).toHaveText("ModelsLab does not enforce a JSON schema; sent as JSON mode, with the schema in the instructions.");
  // The mock answers in prose: the badge says the reply is not JSON, rather than pretending.
  await expect(app.lastReply().getByTestId("json-badge")).toHaveText(/^✗ Not valid JSON/);

  const [sent] = (await (await request.get(`${MOCK_URL}/__requests`)).json()) as { body: { response_format?: unknown; messages: { role: string; content: string }[] } }[];
  expect(sent.body.response_format).toEqual({ type: "json_object" });
  expect(sent.body.messages[0].role).toBe("system");
  expect(sent.body.messages[0].content).toContain('"rating"');
});
