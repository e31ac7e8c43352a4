/**
 * Test cases on the demo model: a prompt with {{topic}}, six rows imported from a CSV, Run all
 * with more rows than the embedded engine runs at once (LOCAL_PARALLEL, 4 by default: the demo
 * web server in playwright.config.ts does not set it), so some cells show Queued first; a regex
 * check that no reply passes shown as Fail; Good and Bad ratings; the summary row; the results
 * CSV equal to the grid; the promptfoo config; and the cases still there after a reload.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { parse as parseYaml } from "yaml";
import { PlaygroundPage, scrollOpenDialog, TestCasesDialog } from "./playground-page";

const TOPICS = ["tea", "rain", "salt, sea", 'the "moon"', "snow", "wind"];
const CSV = `topic\r\n${TOPICS.map((t) => (/[",]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t)).join("\r\n")}\r\n`;
const NEVER = "^ZZZ-never$";


test("test cases: import a CSV, run all with Queued cells, a failing check, ratings, summary, CSV and promptfoo exports", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const app = new PlaygroundPage(page);
  await app.open();
  await app.numberInput("Max Tokens").fill("30");
  await app.numberInput("Max Tokens").press("Tab");
  await page.getByRole("textbox", { name: "System Message" }).fill("Describe {{topic}} in one sentence.");
  // A draft is the prompt's last turn (the Test cases view runs the page's prompt, never sends the draft).
  await app.composer.fill("Go on.");

  const cases = new TestCasesDialog(page);
  await cases.open();
  const { dialog, table } = cases;
  await dialog.getByLabel("Import CSV or JSONL").setInputFiles({ name: "topics.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(dialog.getByRole("status").filter({ hasText: "Added 6 rows" })).toBeVisible();
  for (const [i, topic] of TOPICS.entries()) await expect(cases.input("topic", i + 1)).toHaveValue(topic);

  // A file with an unknown column: named, and nothing added.
  await dialog.getByLabel("Import CSV or JSONL").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("topic,country\r\ntea,UK\r\n") });
  await expect(dialog.getByRole("alert")).toContainText('Column B: "country" is not a variable of this prompt');
  await expect(table.getByRole("textbox", { name: /^topic, row/ })).toHaveCount(6);

  await cases.addCheck("Reply matches a regex", NEVER);
  await expect(dialog.getByRole("list", { name: "Checks" })).toContainText(`Reply matches /${NEVER}/`);

  await dialog.getByRole("button", { name: "Run all" }).click();
  // Six cells, four streams at once: the last ones wait their turn.
  await expect(table.getByRole("group", { name: /^Current settings, row \d$/ }).filter({ hasText: /^Queued/ }).first()).toBeVisible();
  await expect(cases.progress()).toBeVisible();
  await expect(cases.progress()).toHaveAttribute("aria-valuetext", /^6 of 6 cells, finished/, { timeout: 60_000 });

  for (let row = 1; row <= 6; row++) {
    await expect(cases.cell(row)).toContainText("Checks: 0 of 1 passed");
    await expect(cases.cell(row).getByText(`Fail: matches /${NEVER}/ (no match)`)).toBeVisible();
  }
  await cases.cell(1).getByRole("button", { name: "Good" }).click();
  await cases.cell(2).getByRole("button", { name: "Bad" }).click();
  await expect(cases.cell(1).getByRole("button", { name: "Good" })).toHaveAttribute("aria-pressed", "true");
  await expect(cases.cell(2).getByRole("button", { name: "Bad" })).toHaveAttribute("aria-pressed", "true");

  const summary = table.getByRole("row", { name: "Summary" });
  await expect(summary).toContainText(/Replies\s*6 of 6/);
  await expect(summary).toContainText(/Pass rate\s*0% \(0 of 6\)/);
  await expect(summary).toContainText("1 Good, 1 Bad");
  await expect(summary).toContainText(/mean \d/);

  // The results CSV holds what the grid shows.
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export results CSV" }).click()]);
  expect(csvDownload.suggestedFilename()).toBe("test-results.csv");
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync((await csvDownload.path())!, "utf8"), { header: true, skipEmptyLines: true });
  expect(parsed.data).toHaveLength(6);
  for (const [i, line] of parsed.data.entries()) {
    expect(line.topic).toBe(TOPICS[i]);
    expect(line["Current settings: reply"]).toBe(await cases.cell(i + 1).getByTestId("cell-reply").textContent());
    expect(line["Current settings: status"]).toBe("done");
    expect(line["Current settings: checks"]).toBe("0/1");
    expect(line[`Current settings: check: matches /${NEVER}/`]).toBe("fail");
    expect(line["Current settings: rating"]).toBe(i === 0 ? "Good" : i === 1 ? "Bad" : "");
  }

  const [yamlDownload] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export promptfoo config" }).click()]);
  expect(yamlDownload.suggestedFilename()).toBe("promptfooconfig.yaml");
  const config = parseYaml(fs.readFileSync((await yamlDownload.path())!, "utf8"));
  expect(config.tests.map((t: { vars: { topic: string } }) => t.vars.topic)).toEqual(TOPICS);
  expect(config.providers[0].config.apiBaseUrl).toBe(`${baseURL}/api/v1`);
  expect(config.defaultTest.assert).toEqual([expect.objectContaining({ type: "regex", value: NEVER })]);
  await expect(dialog.getByRole("status").filter({ hasText: "promptfooconfig.yaml" })).toBeVisible();

  // The cases and the check are kept (in this browser: the prompt is not saved) across a reload.
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.reload();
  await expect(page.locator('[data-ready="true"]')).toBeVisible();
  await cases.open();
  await expect(cases.input("topic", 3)).toHaveValue("salt, sea");
  await expect(dialog.getByRole("list", { name: "Checks" })).toContainText(`Reply matches /${NEVER}/`);
});

test("test cases: 500 rows draw only those near the view, reach the last by scrolling, and keep the row being typed in", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await page.getByRole("textbox", { name: "System Message" }).fill("Describe {{topic}} in one sentence.");
  const cases = new TestCasesDialog(page);
  await cases.open();
  const { dialog, table } = cases;
  const rows = Array.from({ length: 500 }, (_, i) => `topic ${i + 1}`);
  await dialog.getByLabel("Import CSV or JSONL").setInputFiles({ name: "many.csv", mimeType: "text/csv", buffer: Buffer.from(`topic\n${rows.join("\n")}\n`) });
  await expect(dialog.getByRole("status").filter({ hasText: "Added 500 rows" })).toBeVisible();

  // The table counts every row (and its header and summary rows) while drawing only a few.
  await expect(table).toHaveAttribute("aria-rowcount", "502");
  await expect(cases.input("topic", 1)).toHaveValue("topic 1");
  const drawn = await table.getByRole("textbox", { name: /^topic, row/ }).count();
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(60);
  await expect(cases.input("topic", 500)).toHaveCount(0);

  // Typing in row 2, then scrolling the dialog to the end: that row stays (focused, typed into), the last row is drawn.
  await cases.input("topic", 2).click();
  await cases.input("topic", 2).press("End");
  await scrollOpenDialog(page, "end");
  await expect(cases.input("topic", 500)).toHaveValue("topic 500");
  await expect(cases.input("topic", 500)).toBeInViewport();
  await page.keyboard.type(" (edited)");
  await expect(cases.input("topic", 2)).toBeFocused();
  await expect(cases.input("topic", 250)).toHaveCount(0);

  await scrollOpenDialog(page, "start");
  await expect(cases.input("topic", 2)).toHaveValue("topic 2 (edited)");
  // Tab walks on through the rows in order, each drawn as focus reaches it.
  await cases.input("topic", 1).focus();
  // 40 rows: well past those drawn at first, so each further row is drawn as focus scrolls to it.
  for (let row = 1; row < 40; row++) {
    await expect(cases.input("topic", row)).toBeFocused();
    await page.keyboard.press("Tab"); // the row's Remove button
    await page.keyboard.press("Tab");
  }
  await expect(cases.input("topic", 40)).toBeFocused();
  await expect(cases.input("topic", 40)).toBeInViewport();
});

test("test cases: rows added while the dialog is scrolled down leave its scroll where it was", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  await page.getByRole("textbox", { name: "System Message" }).fill("Describe {{topic}} in one sentence.");
  // A phone's height: the dialog's content scrolls before there is any row.
  await page.setViewportSize({ width: 390, height: 700 });
  const cases = new TestCasesDialog(page);
  await cases.open();
  await scrollOpenDialog(page, "end");
  const scrolled = await page.evaluate(() => document.querySelector("dialog[open] [data-scroll-box]")!.scrollTop);
  expect(scrolled).toBeGreaterThan(0);
  // Clicked where it is, without scrolling to it: the grid appears with its first row.
  await cases.dialog.getByRole("button", { name: "Add row" }).dispatchEvent("click");
  await expect(cases.input("topic", 1)).toHaveCount(1);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const after = await page.evaluate(() => document.querySelector("dialog[open] [data-scroll-box]")!.scrollTop);
  expect(after).toBeGreaterThanOrEqual(scrolled - 1);
});
