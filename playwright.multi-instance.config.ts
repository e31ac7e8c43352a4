/**
 * The several-instances e2e (e2e/multi-instance): starts its own servers (two `next start`,
 * nginx, redis-server, a local upstream), so it needs none of the main config's web servers,
 * and no browser. Run after `next build`.
 */
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e/multi-instance",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
});
