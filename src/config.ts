// The one module that reads the environment. Everything else receives a Config.
import { resolve } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(25),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
});

export interface Config {
  port: number;
  host: string;
  /** Folder for the embedded database and uploaded files. */
  dataDir: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  sessionSecret: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  maxUploadBytes: number;
  /** Behind a reverse proxy that terminates HTTPS: honour X-Forwarded-* so cookies get `Secure`. */
  trustProxy: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    ...overrides,
  };
}

/** Test switches, read here so tests need not touch process.env. */
export const testEnv = {
  /** Set by CI: tests that would skip for a missing service or file must fail instead. */
  requireAll: process.env.REQUIRE_ALL === '1',
  /** PostgreSQL server for the integration suite; CI points it at 127.0.0.1:5432/test. */
  testDatabaseUrl: process.env.TEST_DATABASE_URL,
  chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};
