import { defineConfig } from "@playwright/test";
import { ANTHROPIC_APP_URL, ANTHROPIC_CANARY_KEY, ANTHROPIC_LOG, ANTHROPIC_MOCK_URL, CANARY_KEY, MODELSLAB_LOG, MOCK_URL } from "./e2e/support/constants";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];


export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
  },
  projects: [
    { name: "demo-model", testMatch: /demo.*\.spec\.ts/, use: { baseURL: "http://127.0.0.1:3100" } },
    { name: "modelslab-wire", testMatch: /modelslab.*\.spec\.ts/, use: { baseURL: "http://127.0.0.1:3101" } },
    // Anchored to the file name: a checkout's own path may contain "anthropic" (this worktree's does).
    { name: "anthropic-wire", testMatch: /(^|[\\/])anthropic[^\\/]*\.spec\.ts$/, use: { baseURL: ANTHROPIC_APP_URL } },
  ],
  webServer: [
    {
      // The offline default: no key, the generated demo model, paced so streaming is visible.
      command: "npx next start -p 3100 -H 127.0.0.1",
      url: "http://127.0.0.1:3100",
      // Shares in the embedded SQLite file, as on a fresh machine.
      // The suite runs from one address; sample spread, test cases and A/B send dozens of replies a
      // minute, which the default chat limit (30 a minute) would answer with 429 in later specs.
      // The limit itself is tested in the unit suite.
      env: { DATA_DIR: "test-results/data-demo", DEMO_TOKENS_PER_SECOND: "40", LOCAL_THREADS: "1", DATABASE_URL: "", CHAT_RATE_LIMIT: "600" },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: "npx tsx e2e/support/mock-modelslab.ts",
      url: `${MOCK_URL}/__requests`,
      env: { MOCK_PORT: "3199", MOCK_EXPECTED_KEY: CANARY_KEY },
      reuseExistingServer: false,
    },
    {
      // Everything the server prints goes to a file that the key-leak test reads.
      command: `mkdir -p test-results && npx next start -p 3101 -H 127.0.0.1 > ${MODELSLAB_LOG} 2>&1`,
      url: "http://127.0.0.1:3101",
      // Shares in PostgreSQL when DATABASE_URL is set (.ci/run sets it), else SQLite.
      env: {
        MODELSLAB_API_KEY: CANARY_KEY,
        MODELSLAB_BASE_URL: `${MOCK_URL}/api/v7/llm`,
        // View code's "This server": the mock's address, given explicitly as a public address would be.
        PUBLIC_API_BASE_URL: `${MOCK_URL}/api/v7/llm`,
        DATA_DIR: "test-results/data-modelslab",
        DATABASE_URL: process.env.DATABASE_URL ?? "",
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: "npx tsx e2e/support/mock-anthropic.ts",
      url: `${ANTHROPIC_MOCK_URL}/__requests`,
      env: { MOCK_PORT: new URL(ANTHROPIC_MOCK_URL).port, MOCK_EXPECTED_KEY: ANTHROPIC_CANARY_KEY },
      reuseExistingServer: false,
    },
    {
      // An Anthropic-compatible upstream (ANTHROPIC_BASE_URL); its output goes to a file the key-leak check reads.
      command: `mkdir -p test-results && npx next start -p ${new URL(ANTHROPIC_APP_URL).port} -H 127.0.0.1 > ${ANTHROPIC_LOG} 2>&1`,
      url: ANTHROPIC_APP_URL,
      env: {
        // Earlier upstreams in the selection order stay unset, whatever the shell has.
        MODELSLAB_API_KEY: "",
        OPENAI_BASE_URL: "",
        ANTHROPIC_BASE_URL: ANTHROPIC_MOCK_URL,
        ANTHROPIC_API_KEY: ANTHROPIC_CANARY_KEY,
        DATA_DIR: "test-results/data-anthropic",
        DATABASE_URL: "",
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
