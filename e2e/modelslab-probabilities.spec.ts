import { expect, test } from "@playwright/test";
import { PlaygroundPage } from "./playground-page";

test("on ModelsLab (no documented log-probabilities) the Probabilities toggle is disabled and says why", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.open();
  const toggle = app.button("Probabilities");
  await expect(toggle).toBeDisabled();
  await expect(toggle).toHaveAccessibleDescription("This upstream does not return token probabilities.");
  await expect(page.getByTestId("probabilities-unavailable")).toBeVisible();
});
