export const CANARY_KEY = "ml-canary-e2e-5b1f0a9c7d";
export const MOCK_URL = "http://127.0.0.1:3199";
export const MODELSLAB_LOG = "test-results/modelslab-server.log";

/** The Anthropic-format upstream's stand-in (e2e/support/mock-anthropic.ts) and the app that talks to it. */
export const ANTHROPIC_CANARY_KEY = "sk-ant-canary-e2e-7c2e91d04b";
export const ANTHROPIC_MOCK_URL = "http://127.0.0.1:3196";
export const ANTHROPIC_APP_URL = "http://127.0.0.1:3110";
export const ANTHROPIC_LOG = "test-results/anthropic-server.log";
