/** Server configuration, parsed once from process.env. Never sent to the browser. */
import "server-only";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { MODEL, MODELSLAB_BASE_URL } from "./model/facts";
import { createRedactor, type Redact } from "./redact";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const flag = z
  .string()
  .optional()
  .transform((v) => v === "1" || v?.toLowerCase() === "true");

/**
 * An upstream base URL: http(s) only, and never with credentials in it. A `user:pass@` URL
 * would put the password into every request line and into error messages that reach the
 * browser; keys belong in the *_API_KEY variables, which travel only in headers.
 */
const upstreamUrl = (name: string) =>
  optionalString.superRefine((value, ctx) => {
    if (value === undefined) return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return ctx.addIssue({ code: "custom", message: `${name} is not a valid URL` });
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") ctx.addIssue({ code: "custom", message: `${name} must be an http or https URL` });
    if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: `${name} must not contain credentials (user:password@host); put the key in the matching *_API_KEY variable` });
    }
  });

const EnvSchema = z.object({
  MODELSLAB_API_KEY: optionalString,
  MODELSLAB_MODEL: optionalString.transform((v) => v ?? MODEL.id),
  MODELSLAB_BASE_URL: upstreamUrl("MODELSLAB_BASE_URL").transform((v) => v ?? MODELSLAB_BASE_URL),
  MODELSLAB_KEY_IN_BODY: flag,
  /** ModelsLab's OpenAI-compatible /chat/completions (default) or its Anthropic-compatible /v1/messages. */
  MODELSLAB_DIALECT: z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? v.trim().toLowerCase() : undefined),
    z.enum(["openai", "anthropic"], { error: 'MODELSLAB_DIALECT must be "openai" or "anthropic"' }).default("openai"),
  ),
  OPENAI_BASE_URL: upstreamUrl("OPENAI_BASE_URL"),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  /** The served model's context window, when it is not Mixtral's 32,768 (e.g. Ollama's num_ctx). */
  OPENAI_CONTEXT_WINDOW: z.coerce.number().int().min(256).optional(),
  /** How many streams compare mode runs at once against a generic server before queueing the rest. */
  OPENAI_CONCURRENT_STREAMS: z.coerce.number().int().min(1).max(64).default(6),
  /** A server speaking Anthropic's Messages API: POST <base>/v1/messages, key in x-api-key. */
  ANTHROPIC_BASE_URL: upstreamUrl("ANTHROPIC_BASE_URL"),
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_MODEL: optionalString,
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
  /** Access keys (comma-separated, or file:/path with one per line): set, the playground asks for one and /api/v1 requires one. */
  ACCESS_KEYS: optionalString,
  /** Key for the signatures that prove a shared reply was generated here; the same on every instance. */
  SIGNING_SECRET: optionalString,
  /** Per client (or per access key), per minute: chat and API requests, tokens they use, token counts. */
  CHAT_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  /** Replies one client may stream at the same time (compare mode runs up to six). */
  CHAT_CONCURRENT_LIMIT: z.coerce.number().int().min(1).default(6),
  TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).default(200_000),
  COUNT_RATE_LIMIT: z.coerce.number().int().min(1).default(240),
  /** Model ids a request may ask for (comma-separated); unset: the configured model plus the upstream's list. */
  MODELS_ALLOWED: optionalString,
  /** Lets llama.cpp use a GPU build (`LOCAL_GPU=1 npm install` installs them): 1/true, or cuda/vulkan (the one installed). */
  LOCAL_GPU: z
    .string()
    .optional()
    .transform((v) => ["1", "true", "cuda", "vulkan"].includes(v?.toLowerCase() ?? "")),
  /** Other web origins allowed to call the acting routes from a browser, comma-separated. */
  ALLOWED_ORIGINS: optionalString,
  /**
   * Web origins whose pages may call /api/v1 from a browser (CORS), comma-separated; each must be
   * an origin (scheme://host[:port]). Unset: no CORS headers at all. These origins also pass the
   * same-origin guard on /api/v1 (and only there).
   */
  CORS_ORIGINS: optionalString.superRefine((value, ctx) => {
    for (const entry of originList(value)) {
      const url = safeUrl(entry);
      if (!url || url.origin !== entry || (url.protocol !== "http:" && url.protocol !== "https:")) {
        ctx.addIssue({ code: "custom", message: "CORS_ORIGINS must list origins such as https://app.example.com (scheme, host and port; no path, no *)" });
        return;
      }
    }
  }),
  /** The public address of the upstream API, for View code's "This server"; never derived from the private upstream URL. */
  PUBLIC_API_BASE_URL: upstreamUrl("PUBLIC_API_BASE_URL"),
  /**
   * Redis (redis:// or rediss://) shared by several instances: rate limits, per-key counters and
   * share-page invalidations. Unset: all of them stay in this process's memory.
   */
  REDIS_URL: optionalString.superRefine((value, ctx) => {
    if (value === undefined) return;
    const url = safeUrl(value);
    if (!url || (url.protocol !== "redis:" && url.protocol !== "rediss:")) ctx.addIssue({ code: "custom", message: "REDIS_URL must be a redis:// or rediss:// URL" });
  }),
  /** On SIGTERM, how long running streams may go on before they are ended with an error event. */
  SHUTDOWN_GRACE_S: z.coerce.number().min(0).max(3600).default(10),
});

export type Env = z.infer<typeof EnvSchema> & {
  localThreads: number;
  dataDir: string;
  allowedOrigins: ReadonlySet<string>;
  corsOrigins: ReadonlySet<string>;
  accessKeys: readonly string[];
  modelsAllowed: ReadonlySet<string> | null;
};

let cached: Env | undefined;

/** Parses a configuration; a bad one throws a readable Error that never repeats a value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid server configuration: ${result.error.issues.map((i) => i.message || i.path.join(".")).join("; ")}.`);
  }
  const parsed = result.data;
  return {
    ...parsed,
    // llama.cpp's default (max(4, cores)) oversubscribes small machines badly; leave a core for the server.
    localThreads: parsed.LOCAL_THREADS ?? Math.max(1, os.availableParallelism() - 1),
    dataDir: path.resolve(/*turbopackIgnore: true*/ parsed.DATA_DIR ?? "data"),
    accessKeys: readAccessKeys(parsed.ACCESS_KEYS),
    modelsAllowed: parsed.MODELS_ALLOWED ? new Set(parsed.MODELS_ALLOWED.split(",").map((m) => m.trim()).filter(Boolean)) : null,
    allowedOrigins: new Set(originList(parsed.ALLOWED_ORIGINS)),
    corsOrigins: new Set(originList(parsed.CORS_ORIGINS)),
  };
}

export function getEnv(): Env {
  return (cached ??= parseEnv(process.env));
}

let redactor: Redact | undefined;

/** Every secret the server is configured with, taken out of a text bound for a client or a log. */
export function redactSecrets(text: string): string {
  redactor ??= createRedactor(secretsOf(getEnv()));
  return redactor(text);
}

function secretsOf(env: Env): (string | undefined)[] {
  const databasePassword = env.DATABASE_URL ? safeUrl(env.DATABASE_URL)?.password : undefined;
  const redisPassword = env.REDIS_URL ? safeUrl(env.REDIS_URL)?.password : undefined;
  return [
    env.MODELSLAB_API_KEY,
    env.OPENAI_API_KEY,
    env.ANTHROPIC_API_KEY,
    databasePassword && decodeURIComponent(databasePassword),
    redisPassword && decodeURIComponent(redisPassword),
    ...env.accessKeys,
    env.SIGNING_SECRET,
  ];
}

/** Keys inline ("k1,k2") or in a file ("file:/etc/playground/keys", one per line, # comments). */
function readAccessKeys(setting: string | undefined): string[] {
  if (!setting) return [];
  const text = setting.startsWith("file:") ? readFileSync(setting.slice("file:".length), "utf8") : setting.replaceAll(",", "\n");
  const keys = text.split("\n").map((line) => line.replace(/#.*/, "").trim()).filter(Boolean);
  const short = keys.find((k) => k.length < 12);
  if (short !== undefined) throw new Error("Invalid server configuration: every ACCESS_KEYS key must be at least 12 characters.");
  return keys;
}

/** A comma-separated list of origins, trimmed, without trailing slashes. */
function originList(setting: string | undefined): string[] {
  return (setting ?? "").split(",").map((o) => o.trim().replace(/\/+$/, "")).filter(Boolean);
}

function safeUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}
