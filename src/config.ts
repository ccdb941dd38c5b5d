/**
 * The only reader of `process.env`. Every variable is parsed with zod; on bad values the
 * process gets one error that lists every bad variable and what it expects.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { JobScheduleError, parseJobSchedules, type JobScheduleOverrides } from './scheduler/job-schedules.js';
import type { PlatformLimit } from './scheduler/rate-limit.js';

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'ya', 'tidak'], { error: 'expected true or false' })
    .default(def ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'ya'].includes(v));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const optionalUrl = optionalString.pipe(z.url({ error: 'expected a URL such as https://example.org' }).optional());

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a port number 0–65535')
  .min(0, 'expected a port number 0–65535')
  .max(65535, 'expected a port number 0–65535');

export const OFFICE_TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'expected development, production or test' }).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'expected one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  INSTANCE_ID: optionalString,

  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected postgresql://user:password@host:5432/database')
      .optional(),
  ),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  DEMO_SEED: z.enum(['auto', 'true', 'false'], { error: 'expected auto, true or false' }).default('auto'),

  OFFICE_TIMEZONE: z.enum(OFFICE_TIMEZONES, { error: `expected one of ${OFFICE_TIMEZONES.join(', ')}` }).default('Asia/Jakarta'),
  CUTI_BERSAMA_IS_WORKDAY: bool(false),

  TELEGRAM_BOT_TOKEN: optionalString.pipe(z.string().regex(/^\d+:[\w-]{20,}$/, 'expected a token from BotFather such as 123456:ABC-DEF…').optional()),
  TELEGRAM_API_ROOT: optionalUrl,
  TELEGRAM_WEBHOOK_URL: optionalUrl,
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16–256 characters A-Z a-z 0-9 _ -').optional()),
  TELEGRAM_WEBHOOK_PORT: port.default(8443),

  WHATSAPP_ENABLED: bool(false),
  WHATSAPP_AUTH_DIR: z.string().min(1).default('.wwebjs_auth'),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  WHATSAPP_PER_GROUP_PER_MINUTE: z.coerce.number({ error: 'expected messages per group per minute' }).int('expected a whole number').min(1, 'expected 1–60').max(60, 'expected 1–60').default(10),
  WHATSAPP_PER_SECOND: z.coerce.number({ error: 'expected messages per second' }).gt(0, 'expected more than 0').max(10, 'expected at most 10').default(1),
  WHATSAPP_JITTER_MS: z
    .string()
    .regex(/^\d+-\d+$/, 'expected a range of milliseconds such as 500-1500')
    .transform((v) => v.split('-').map(Number) as [number, number])
    .refine(([a, b]) => a <= b && b <= 60_000, 'expected min-max with min ≤ max ≤ 60000')
    .default([500, 1500]),

  CONSOLE: z.enum(['auto', 'true', 'false'], { error: 'expected auto, true or false' }).default('auto'),
  API_PORT: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), port.optional()),

  JOB_SCHEDULES: optionalString,
  UNCLAIMED_AFTER_WORKING_HOURS: z.coerce.number({ error: 'expected a number of working hours' }).int('expected whole hours').min(1, 'expected 1–40').max(40, 'expected 1–40').default(4),
  INFO_FIRST_RESPONSE_HOURS: z.coerce.number({ error: 'expected a number of working hours' }).gt(0, 'expected more than 0').max(80, 'expected at most 80').default(4),
  DUPLICATE_THRESHOLD: z.coerce.number({ error: 'expected a similarity between 0 and 1' }).gt(0, 'expected more than 0').max(1, 'expected at most 1').default(0.8),

  OPENAI_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalString,
  AI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AI_DAILY_TOKEN_CAP: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number({ error: 'expected a number of tokens' }).int().positive('expected a positive number').default(200000)),
  AI_TIMEOUT_MS: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number({ error: 'expected milliseconds' }).int().positive('expected a positive number').default(15000)),
});

export type Env = z.input<typeof envSchema>;

/** Every variable the bot reads (documented in .env.example and README). */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: string;
  instanceId: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };
  demoSeed: boolean;
  calendar: { timeZone: (typeof OFFICE_TIMEZONES)[number]; cutiBersamaIsWorkday: boolean };
  telegram?: { token: string; apiRoot?: string; webhook?: { url: string; secret?: string; port: number } };
  /** `limits`: the outbox's pacing of WhatsApp sends (WHATSAPP_PER_GROUP_PER_MINUTE, WHATSAPP_PER_SECOND, WHATSAPP_JITTER_MS). */
  whatsapp?: { authDir: string; chromiumPath: string; limits: PlatformLimit };
  console: boolean;
  apiPort?: number;
  /** Cron overrides per job (JOB_SCHEDULES); "off" disables a job. */
  jobSchedules: JobScheduleOverrides;
  unclaimedAfterWorkingHours: number;
  info: { firstResponseHours: number };
  /** Similarity (0–1) from which a new report is flagged as a possible duplicate (DUPLICATE_THRESHOLD). */
  duplicateThreshold: number;
  ai?: { apiKey: string; baseUrl?: string; model: string; dailyTokenCap: number; timeoutMs: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration (check .env or the environment):\n' +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
  }
}

/** Parse an environment (default: process.env, after loading ./.env if present) into a Config. */
export function loadConfig(env: Record<string, string | undefined> = readProcessEnv()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const e = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_BOT_TOKEN) {
    problems.push({ variable: 'TELEGRAM_WEBHOOK_URL', message: 'needs TELEGRAM_BOT_TOKEN as well' });
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    problems.push({ variable: 'TELEGRAM_WEBHOOK_SECRET', message: 'required with TELEGRAM_WEBHOOK_URL, so that forged updates are refused' });
  }
  let jobSchedules: JobScheduleOverrides = {};
  try {
    jobSchedules = parseJobSchedules(e.JOB_SCHEDULES);
  } catch (err) {
    if (!(err instanceof JobScheduleError)) throw err;
    problems.push({ variable: 'JOB_SCHEDULES', message: err.message });
  }
  if (problems.length) throw new ConfigError(problems);

  const database: Config['database'] = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'pglite', dir: e.PGLITE_DIR };
  const chatConfigured = Boolean(e.TELEGRAM_BOT_TOKEN) || e.WHATSAPP_ENABLED;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    instanceId: e.INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    database,
    demoSeed: e.DEMO_SEED === 'auto' ? database.kind === 'pglite' : e.DEMO_SEED === 'true',
    calendar: { timeZone: e.OFFICE_TIMEZONE, cutiBersamaIsWorkday: e.CUTI_BERSAMA_IS_WORKDAY },
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhook: e.TELEGRAM_WEBHOOK_URL
            ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET, port: e.TELEGRAM_WEBHOOK_PORT }
            : undefined,
        }
      : undefined,
    whatsapp: e.WHATSAPP_ENABLED
      ? {
          authDir: e.WHATSAPP_AUTH_DIR,
          chromiumPath: e.CHROMIUM_PATH,
          limits: { perChatPerMinute: e.WHATSAPP_PER_GROUP_PER_MINUTE, perSecond: e.WHATSAPP_PER_SECOND, jitterMs: e.WHATSAPP_JITTER_MS },
        }
      : undefined,
    console: e.CONSOLE === 'auto' ? !chatConfigured && Boolean(process.stdin.isTTY) : e.CONSOLE === 'true',
    apiPort: e.API_PORT,
    jobSchedules,
    unclaimedAfterWorkingHours: e.UNCLAIMED_AFTER_WORKING_HOURS,
    info: { firstResponseHours: e.INFO_FIRST_RESPONSE_HOURS },
    duplicateThreshold: e.DUPLICATE_THRESHOLD,
    ai: e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.AI_MODEL, dailyTokenCap: e.AI_DAILY_TOKEN_CAP, timeoutMs: e.AI_TIMEOUT_MS } : undefined,
  };
}

function readProcessEnv(): Record<string, string | undefined> {
  // Prisma 7 and Node do not read .env by themselves; Node ≥ 20.12 can.
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}
