import { z } from "zod";

// The one place the process environment is read. Validated lazily so that `next build` and
// scripts that need only part of it do not demand every secret.

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Owner connection: migrations, seed and maintenance scripts only. */
  DATABASE_URL: z.string().url().optional(),
  /** The app's own connection, as the role that cannot bypass row-level security. */
  APP_DATABASE_URL: z.string().url().optional(),
  APP_DATABASE_PASSWORD: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * The app role's direct connection for LISTEN (lib/db/listen.ts), when APP_DATABASE_URL goes
   * through a transaction-mode pooler that cannot keep one. Unset: APP_DATABASE_URL.
   */
  LISTEN_DATABASE_URL: z.string().url().optional(),
  /**
   * What asking the main pool for a connection inside one of its transactions does
   * (lib/db/client.ts): "throw" (default outside production) or "log" (default in production).
   * The end-to-end server sets "throw", so every page the suite opens is checked.
   */
  NESTED_CONNECTION: z.enum(["throw", "log"]).optional(),
  /** "off": every session check reads the database (lib/auth/session-cache.ts). */
  SESSION_CACHE: z.enum(["on", "off"]).default("on"),
  /**
   * Proxies in front of the app that append to X-Forwarded-For (a load balancer: 1). The client
   * address is the entry that many places from the right; anything left of it is client-written.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** Host (and port) the tenants' subdomains hang from: demo.{APP_HOST}. */
  APP_HOST: z.string().min(1).default("localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must have at least 32 characters"),
  /** "v1:<base64 32 bytes>,v2:<…>"; the active key is FIELD_ENCRYPTION_ACTIVE_KEY or the last one. */
  FIELD_ENCRYPTION_KEYS: z.string().min(1),
  FIELD_ENCRYPTION_ACTIVE_KEY: z.string().optional(),
  /** base64 of 32 bytes: keys the HMAC blind indexes (CPF lookup, e-mail of failed logins). */
  BLIND_INDEX_KEY: z.string().min(40),
  /** smtp(s)://user:pass@host:port. Development and tests point it at the local catcher. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Prontivus <nao-responda@prontivus.dev>"),
  /** Where the development catcher and the logging SMS driver keep what was "sent". */
  OUTBOX_DIR: z.string().optional(),
  SMS_DRIVER: z.enum(["log"]).default("log"),
  /** Address by CEP on the registration form: "off" (default, offline-safe) or "viacep". */
  CEP_LOOKUP: z.enum(["off", "viacep"]).default("off"),
  /** Base URL of a ViaCEP-compatible service (GET /ws/{cep}/json/). */
  CEP_LOOKUP_URL: z.string().url().default("https://viacep.com.br"),
  /**
   * "1": session and CSRF cookies are Secure and __Host- prefixed (HTTPS only); "0": plain names
   * without Secure, for a production build served over http (the e2e server on *.localhost).
   * Unset: secure in production, not in development and tests.
   */
  COOKIE_SECURE: z.enum(["0", "1"]).optional(),
  /** Shows /dev/outbox even in a production build: only the e2e server sets it. */
  ENABLE_DEV_OUTBOX: z.enum(["0", "1"]).optional(),
  /** Where attachment bytes (already encrypted) are kept: "local" disk (default) or "s3". */
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  /** Local driver's directory; default `.data/attachments` under the working directory. */
  STORAGE_DIR: z.string().min(1).optional(),
  /** S3-compatible driver: endpoint URL (unset: AWS), bucket, region, credentials, path style. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  /** Both unset: the SDK's default credential chain (instance or task role). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** "1": `endpoint/bucket/key` addressing (MinIO, Ceph and most self-hosted servers). */
  S3_FORCE_PATH_STYLE: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}\nSee README.md, "Configuration".`);
  }
  cached = parsed.data;
  return cached;
}

/** The app role's connection string, derived from DATABASE_URL when not given explicitly. */
export function appDatabaseUrl(e: Env = env()): string {
  if (e.APP_DATABASE_URL) return e.APP_DATABASE_URL;
  if (!e.DATABASE_URL) throw new Error("Set APP_DATABASE_URL (or DATABASE_URL to derive it from).");
  const url = new URL(e.DATABASE_URL);
  url.username = "prontivus_app";
  url.password = e.APP_DATABASE_PASSWORD ?? "";
  return url.toString();
}

/** Where in-process caches LISTEN for changes: a direct connection as the app role. */
export function listenDatabaseUrl(e: Env = env()): string {
  return e.LISTEN_DATABASE_URL ?? appDatabaseUrl(e);
}

/** Whether cookies are sent over HTTPS only (see COOKIE_SECURE). */
export function cookiesSecure(e: Env = env()): boolean {
  return e.COOKIE_SECURE ? e.COOKIE_SECURE === "1" : e.NODE_ENV === "production";
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
