import "server-only";
import { z } from "zod";

// The one place that reads process.env (enforced by lint). Everything is validated once,
// lazily, so `next build` can import modules without a configured environment.
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
  /** Pool size per process; dashboards and intake share it. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Connections the pool opens at server start and keeps open however idle (at most
   * DATABASE_POOL_MAX): a burst of requests then finds sessions that are authenticated and have
   * their statements prepared, instead of each paying for a new one. By default 2 (1 when
   * DATABASE_POOL_MAX is 1).
   */
  DATABASE_POOL_MIN: z.coerce.number().int().min(0).max(200).optional(),
  /** How long a connection above DATABASE_POOL_MIN may stay idle before the pool closes it. */
  DATABASE_POOL_IDLE_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** How long a request waits for a free connection before failing instead of hanging. */
  DATABASE_POOL_ACQUIRE_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * Named prepared statements (ADR 0021). "off" behind a pooler that cannot keep them per client
   * connection, such as PgBouncer in transaction mode before 1.21.
   */
  DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  APP_URL: z.string().url().default("http://localhost:3000"),
  /** Outgoing mail. Without SMTP_HOST, e-mails are written to the worker's log instead of sent. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** "true": TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default("Arbiter <arbiter@localhost>"),
  /** Signs approve/reject links in e-mails; falls back to a key derived from AUTH_SECRET. */
  ACTION_LINK_SECRET: z.string().min(16, "ACTION_LINK_SECRET must be at least 16 characters").optional(),
})
  .refine((e) => e.DATABASE_POOL_MIN === undefined || e.DATABASE_POOL_MIN <= e.DATABASE_POOL_MAX, {
    path: ["DATABASE_POOL_MIN"],
    message: "DATABASE_POOL_MIN must not exceed DATABASE_POOL_MAX",
  })
  .transform((e) => ({ ...e, DATABASE_POOL_MIN: e.DATABASE_POOL_MIN ?? Math.min(2, e.DATABASE_POOL_MAX) }));

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The configuration a set of environment variables gives, or an error naming every wrong one. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

/** Secret for signing sessions. Development gets a fixed, loudly-named fallback; production must set it. */
export function authSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "production") throw new Error("AUTH_SECRET must be set in production");
  return "arbiter-insecure-development-secret-do-not-use-in-production";
}

/** Secret for signed e-mail action links: its own, or one derived from the session secret (never the same key for two uses). */
export function actionLinkSecret(): string {
  const e = env();
  return e.ACTION_LINK_SECRET ?? `action-links:${authSecret()}`;
}
