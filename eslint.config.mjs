import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { noServerOnlyInBrowser } from "./scripts/eslint/no-server-only-in-browser.mjs";

/**
 * The layers of lib/, lowest first: a module imports only from its own layer or a lower one
 * (docs/architecture.md explains each). This list is the one place the order is written down;
 * the zones below are made from it.
 */
export const LIB_LAYERS = [
  ["lib/json/**", "lib/errors.ts", "lib/redact.ts"],
  ["lib/model/**"],
  ["lib/env.ts"],
  ["lib/params.ts"],
  ["lib/chat/**"],
  ["lib/stop-sequences/**", "lib/tools/**", "lib/tokens/**", "lib/sampling/**", "lib/markdown/**", "lib/diff/**", "lib/tree/**"],
  ["lib/prompts/**"],
  ["lib/dialects/**", "lib/engine/**"],
  ["lib/providers/**"],
  ["lib/code-export/**"],
  ["lib/evals/**"],
  ["lib/signing/**"],
  ["lib/db/**"],
  ["lib/shares/*.ts"],
  ["lib/shares/server/**"],
  ["lib/server/http/**", "lib/server/models/**"],
  ["lib/server/services.ts"],
  ["lib/server/limits/**"],
  ["lib/server/usage/**"],
  ["lib/server/chat/**", "lib/server/lifecycle/**", "lib/server/pages/**", "lib/server/prompts/**"],
  // The browser's side: network code, then stores, then React hooks.
  ["lib/compare/**"],
  ["lib/client/**"],
  ["lib/store/**"],
  ["lib/hooks/**"],
];

/** Test support is for tests; nothing the app runs imports it. */
const TEST_SUPPORT = "lib/testing/**";

/** A zone's `from` must be all globs: "lib/env.ts" becomes "lib/env.@(ts)", a glob that matches just that file. */
const glob = (path) => (path.includes("*") ? path : path.replace(/\.(\w+)$/, ".@($1)"));

const layerZones = LIB_LAYERS.slice(0, -1).map((layer, i) => ({
  target: layer.map(glob),
  from: LIB_LAYERS.slice(i + 1).flat().map(glob),
  message: "An import up the layers of lib/ (LIB_LAYERS in eslint.config.mjs): move the shared piece down, or the caller up.",
}));

const directionZones = [
  { target: ["lib/**"], from: ["app/**", "components/**"], message: "lib/ never imports from app/ or components/: move the shared piece into lib/." },
  { target: ["components/**"], from: ["app/**"], message: "components/ never imports from app/." },
  {
    target: ["lib/!(providers|engine)/**", "lib/*.ts", "components/**", "app/**", "*.ts"],
    from: ["lib/engine/**"],
    message: "Only lib/providers talks to the embedded engine; go through a provider.",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["**/*.test.ts", TEST_SUPPORT],
    plugins: { playground: { rules: { "no-server-only-in-browser": noServerOnlyInBrowser } } },
    rules: {
      "import/no-restricted-paths": ["error", { zones: [...layerZones, ...directionZones] }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "playground/no-server-only-in-browser": "error",
    },
  },
  {
    // Tests may reach anything below them, and compare with llama.cpp itself.
    files: ["**/*.test.ts", TEST_SUPPORT],
    rules: { "import/no-restricted-paths": ["error", { zones: directionZones.slice(0, 2) }] },
  },
];

export default config;
