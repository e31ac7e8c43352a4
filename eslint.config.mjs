import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Arrows point one way (architecture.md): app → components → lib; only providers reach the engine. */
const noAppImports = { group: ["@/app/*", "**/app/*"], message: "lib/ never imports from app/: move the shared piece into lib/." };
const noEngineImports = {
  group: ["@/lib/engine/*", "**/engine/*"],
  message: "Only lib/providers talks to the embedded engine; go through a provider.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/providers/**", "lib/engine/**", "**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noAppImports, noEngineImports] }] },
  },
  {
    // Tests may compare with llama.cpp itself.
    files: ["lib/providers/**", "lib/engine/**", "lib/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noAppImports] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "instrumentation.ts", "proxy.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noEngineImports] }] },
  },
];

export default config;
