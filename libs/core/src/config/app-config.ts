import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';

/** Everything the server reads from the environment, validated once at start. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Where members reach this server; links handed out (password resets, calendars) use it. */
  publicUrl: string;
  /** Absent: the server starts an embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | null;
  /** Set by main.ts when it started the embedded PostgreSQL for this process. */
  databaseEmbedded: boolean;
  dataDir: string;
  redisUrl: string | null;
  jwtSecret: string;
  /** True when the secret was generated for this process (development only). */
  jwtSecretGenerated: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** null: load the demo community only on a fresh embedded database. */
  demoData: boolean | null;
  logLevel: string;
  graphqlSchemaFile: string | null;
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  registrationLimit: RateLimitSetting;
  failedLoginLimit: RateLimitSetting;
  retention: RetentionSetting;
  /** Whether this process runs the scheduled jobs (@Cron); each job is safe on many nodes. */
  runJobs: boolean;
}

/** How long records nobody reads any more are kept, in days (pruned hourly). */
export interface RetentionSetting {
  /** Notifications, counted from when they were read; unread ones are kept. */
  readNotificationDays: number;
  /** Sessions and password-reset links, counted from when they expired, ended or were used. */
  finishedAuthDays: number;
}

export interface RateLimitSetting {
  limit: number;
  windowSeconds: number;
}

/** Start-up refuses to go on; the message names the variable and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    received: string | undefined,
  ) {
    super(
      `Invalid configuration: ${variable} must be ${expected}` +
        (received === undefined ? ' (it is not set)' : ` (got "${received}")`),
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, raw);
  }
  return value;
}

function bool(env: Env, name: string): boolean | null {
  const raw = str(env, name);
  if (raw === undefined) return null;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, 'true or false', raw);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = str(env, name);
  if (raw === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `a URL starting with ${protocols.join(' or ')}`, redact(raw));
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `a URL starting with ${protocols.join(' or ')}`, redact(raw));
  }
  return raw;
}

/**
 * Never echo a password embedded in a connection string: `//user:secret@`, `//:secret@` (the
 * Redis form), a password holding `@` (up to the last one), or libpq's `password=secret`.
 */
function redact(raw: string): string {
  return raw.replace(/\/\/([^:/@]*):.*@/, '//$1:***@').replace(/(password=)[^\s&;]+/gi, '$1***');
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnvRaw = str(env, 'NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', 'one of development, production, test', nodeEnvRaw);
  }
  const nodeEnv = nodeEnvRaw as NodeEnv;

  const port = int(env, 'PORT', 3000, 0, 65535);
  const publicUrl = (
    url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`
  ).replace(/\/+$/, '');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const dataDir = resolve(str(env, 'DATA_DIR') ?? './.data');

  let jwtSecret = str(env, 'JWT_SECRET');
  let jwtSecretGenerated = false;
  if (jwtSecret === undefined) {
    if (nodeEnv === 'production') {
      throw new ConfigError('JWT_SECRET', 'set in production (32 characters or more)', undefined);
    }
    jwtSecret = randomBytes(32).toString('hex');
    jwtSecretGenerated = true;
  } else if (jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'at least 32 characters long', '<hidden>');
  }

  const logLevel = str(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, logLevel);
  }

  const schemaFileRaw = str(env, 'GRAPHQL_SCHEMA_FILE');
  const graphqlSchemaFile =
    schemaFileRaw !== undefined
      ? resolve(schemaFileRaw)
      : nodeEnv === 'development'
        ? resolve('schema.graphql')
        : null;

  return {
    nodeEnv,
    port,
    publicUrl,
    databaseUrl,
    databaseEmbedded: false,
    dataDir,
    redisUrl,
    jwtSecret,
    jwtSecretGenerated,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 1, 86_400),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400),
    demoData: bool(env, 'DEMO_DATA'),
    logLevel,
    graphqlSchemaFile,
    graphqlMaxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100),
    graphqlMaxComplexity: int(env, 'GRAPHQL_MAX_COMPLEXITY', 5000, 10, 1_000_000),
    registrationLimit: {
      limit: int(env, 'REGISTRATION_LIMIT', 30, 1, 1_000_000),
      windowSeconds: int(env, 'REGISTRATION_WINDOW_SECONDS', 3600, 1, 86_400 * 7),
    },
    failedLoginLimit: {
      limit: int(env, 'FAILED_LOGIN_LIMIT', 10, 1, 1_000_000),
      windowSeconds: int(env, 'FAILED_LOGIN_WINDOW_SECONDS', 900, 1, 86_400 * 7),
    },
    runJobs: bool(env, 'RUN_JOBS') ?? true,
    retention: {
      readNotificationDays: int(env, 'READ_NOTIFICATION_RETENTION_DAYS', 180, 1, 3650),
      finishedAuthDays: int(env, 'FINISHED_AUTH_RETENTION_DAYS', 30, 1, 3650),
    },
  };
}
