/**
 * The only reader of process.env. Read once at start-up, validated with zod, frozen, and passed
 * into buildApp(config): nothing else in the API may look at the environment.
 */
import path from 'node:path';
import {
  SUPPRESSION_THRESHOLD_DEFAULT,
  SUPPRESSION_THRESHOLD_RANGE,
} from '@fourfold/shared/statistics';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const keySpec = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/;

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** postgres://… — when absent, the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /**
   * postgres://… of a read replica: statistics (the summary and the exports) read through it, so a
   * province can move analytics off the primary. Unset: they read the primary.
   */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** 1.5 s: an API request answers 503 within 2 s while the database is unreachable (a local
   * connection takes milliseconds; a remote one with TLS well under a second). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(1500),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  /** Where the embedded database (and, later, generated local secrets) live. */
  DATA_DIR: z.string().min(1).default('data'),
  /** Serve the built web app from this folder; found automatically when unset. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** Trust X-Forwarded-* from a reverse proxy (set true only behind one). */
  TRUST_PROXY: booleanFromEnv.default(false),
  /** Signs access tokens (HS256). Required with DATABASE_URL; generated into DATA_DIR otherwise. */
  AUTH_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** `<keyId>:<base64 of 32 bytes>`: seals identity and intervention notes (AES-256-GCM). */
  IDENTITY_KEY: z.string().regex(keySpec, 'must be <keyId>:<base64 of 32 random bytes>').optional(),
  /** Earlier keys, comma-separated, still able to open values until `pnpm identity:rekey`. */
  IDENTITY_PREVIOUS_KEYS: z
    .string()
    .regex(
      new RegExp(`^${keySpec.source.slice(1, -1)}(,${keySpec.source.slice(1, -1)})*$`),
      'must be a comma-separated list of <keyId>:<base64>',
    )
    .optional(),
  /** Keys the HMAC of repeat fingerprints: base64 of 32 or more random bytes. */
  REPEAT_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 of 32 or more random bytes')
    .refine(
      (value) => Buffer.from(value, 'base64').length >= 32,
      'must be base64 of 32 or more random bytes',
    )
    .optional(),
  /** How far back a new identity is compared with the table's earlier ones; 0 turns repeats off. */
  REPEAT_WINDOW_MONTHS: z.coerce.number().int().min(0).max(60).default(12),
  /** Days after closure before identity is destroyed; 0 destroys it at closure. */
  IDENTITY_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Load the demo tables, agencies and users. Default: on for the embedded database only. */
  SEED_DEMO: booleanFromEnv.optional(),
  /** Counts from 1 to this − 1 are never published in statistics (11 is advised for public release). */
  SUPPRESSION_THRESHOLD: z.coerce
    .number()
    .int()
    .min(SUPPRESSION_THRESHOLD_RANGE.min)
    .max(SUPPRESSION_THRESHOLD_RANGE.max)
    .default(SUPPRESSION_THRESHOLD_DEFAULT),
  /** smtp:// or smtps:// server for one-time links and notices; unset: .eml files in DATA_DIR/outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The From header of every message Fourfold sends. */
  MAIL_FROM: z
    .string()
    .trim()
    .min(3)
    .max(320)
    .regex(/^[^\r\n]+$/, 'must be one line')
    .default('Fourfold <no-reply@localhost>'),
  /** Where people reach the app, for links in e-mails; default http://localhost:<PORT>. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional(),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  database:
    | Readonly<{
        kind: 'postgres';
        url: string;
        poolMax: number;
        connectTimeoutMs: number;
        statementTimeoutMs: number;
        /** A read replica for statistics; undefined: the primary. */
        readUrl?: string | undefined;
      }>
    | Readonly<{ kind: 'embedded'; dataDir: string }>;
  dataDir: string;
  webDistDir: string | undefined;
  trustProxy: boolean;
  /** Undefined only on the embedded database, where a generated local secret is used. */
  authTokenSecret: string | undefined;
  /** Same: undefined only on the embedded database (a key is generated into DATA_DIR). */
  identityKey: string | undefined;
  identityPreviousKeys: string[];
  identityRetentionDays: number;
  /** Same: undefined only on the embedded database (a key is generated into DATA_DIR). */
  repeatKey: string | undefined;
  /** 0: no fingerprint is stored and no repeat detected. */
  repeatWindowMonths: number;
  seedDemo: boolean;
  statistics: Readonly<{ suppressionThreshold: number }>;
  mail: Readonly<{
    /** Undefined only on the embedded database: messages are then written to `outboxDir`. */
    smtpUrl: string | undefined;
    from: string;
    outboxDir: string;
  }>;
  /** The app's address as people reach it, without a trailing slash; links in e-mails start here. */
  publicUrl: string;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Builds the configuration from an environment map. Every bad key is reported at once, by name,
 * never with its value (a DATABASE_URL may carry a password).
 */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as they do in most deployment tools.
  const cleaned = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(cleaned);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  // Secrets that embedded mode generates locally must be given when the database is shared.
  if (cleaned.DATABASE_URL && !cleaned.AUTH_TOKEN_SECRET) {
    problems.push('AUTH_TOKEN_SECRET: required when DATABASE_URL is set (32 or more characters)');
  }
  if (cleaned.DATABASE_URL && !cleaned.IDENTITY_KEY) {
    problems.push('IDENTITY_KEY: required when DATABASE_URL is set (<keyId>:<base64 of 32 bytes>)');
  }
  if (cleaned.DATABASE_URL && !cleaned.REPEAT_KEY) {
    problems.push('REPEAT_KEY: required when DATABASE_URL is set (base64 of 32 or more bytes)');
  }
  // A shared deployment's one-time links must reach people, not a folder on one server.
  if (cleaned.DATABASE_URL && !cleaned.SMTP_URL) {
    problems.push('SMTP_URL: required when DATABASE_URL is set (smtp:// or smtps://)');
  }
  if (cleaned.DATABASE_READ_URL && !cleaned.DATABASE_URL) {
    problems.push(
      'DATABASE_READ_URL: only with DATABASE_URL (the embedded database has no replica)',
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return deepFreeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres' as const,
          url: e.DATABASE_URL,
          poolMax: e.DATABASE_POOL_MAX,
          connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
          statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
          readUrl: e.DATABASE_READ_URL,
        }
      : { kind: 'embedded' as const, dataDir },
    dataDir,
    webDistDir: e.WEB_DIST_DIR ? path.resolve(e.WEB_DIST_DIR) : undefined,
    trustProxy: e.TRUST_PROXY,
    authTokenSecret: e.AUTH_TOKEN_SECRET,
    identityKey: e.IDENTITY_KEY,
    identityPreviousKeys: e.IDENTITY_PREVIOUS_KEYS ? e.IDENTITY_PREVIOUS_KEYS.split(',') : [],
    identityRetentionDays: e.IDENTITY_RETENTION_DAYS,
    repeatKey: e.REPEAT_KEY,
    repeatWindowMonths: e.REPEAT_WINDOW_MONTHS,
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    statistics: { suppressionThreshold: e.SUPPRESSION_THRESHOLD },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      outboxDir: path.join(dataDir, 'outbox'),
    },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
