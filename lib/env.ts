/** Server configuration, parsed once from process.env. Never sent to the browser. */
import "server-only";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const flag = z
  .string()
  .optional()
  .transform((v) => v === "1" || v?.toLowerCase() === "true");

const EnvSchema = z.object({
  MODELSLAB_API_KEY: optionalString,
  MODELSLAB_MODEL: optionalString.transform((v) => v ?? "mistralai-mixtral-8x7b-instruct"),
  MODELSLAB_BASE_URL: optionalString.transform((v) => v ?? "https://modelslab.com/api/v7/llm"),
  MODELSLAB_KEY_IN_BODY: flag,
  OPENAI_BASE_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  LOCAL_MODEL_PATH: optionalString,
  LOCAL_THREADS: z.coerce.number().int().min(1).optional(),
  LOCAL_CONTEXT_SIZE: z.coerce.number().int().min(256).default(8192),
  LOCAL_PARALLEL: z.coerce.number().int().min(1).max(64).default(4),
  DEMO_TOKENS_PER_SECOND: z.coerce.number().min(0).default(60),
  UPSTREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  DATA_DIR: optionalString,
  /** PostgreSQL for share links; unset means SQLite in DATA_DIR. */
  DATABASE_URL: optionalString,
  /** Share links one client may create per minute. */
  SHARE_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /**
   * Reverse proxies in front of the app that append to X-Forwarded-For (0: clients connect
   * directly). Rate limits key on the address the outermost trusted proxy saw.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOCAL_GPU: flag,
});

export type Env = z.infer<typeof EnvSchema> & { localThreads: number; dataDir: string };

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.parse(process.env);
  cached = {
    ...parsed,
    // llama.cpp's default (max(4, cores)) oversubscribes small machines badly; leave a core for the server.
    localThreads: parsed.LOCAL_THREADS ?? Math.max(1, os.availableParallelism() - 1),
    dataDir: path.resolve(/*turbopackIgnore: true*/ parsed.DATA_DIR ?? "data"),
  };
  return cached;
}
