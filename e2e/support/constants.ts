export const CANARY_KEY = "ml-canary-e2e-5b1f0a9c7d";
export const MOCK_URL = "http://127.0.0.1:3199";
export const MODELSLAB_LOG = "test-results/modelslab-server.log";
