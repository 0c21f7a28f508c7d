// The one module that reads the environment. Everything else receives a Config.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

/** The From of messages when MAIL_FROM is not set. */
export const defaultMailFrom = 'GCM Review <gcm-review@localhost>';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(25),
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(8 * 60).default(30),
  // Empty is unset: mail then stays in the outbox.
  SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.org:587')
      .optional(),
  ),
  MAIL_FROM: z.string().trim().min(3).default(defaultMailFrom),
  // Empty is unset: links in mail then use the address the request came to.
  PUBLIC_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// address, e.g. https://review.example.org').optional()),
  INVITATION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
});

/**
 * Which proxies' X-Forwarded-* headers to believe. `false`: none (the default). `hops`: that many
 * proxies stand between the clients and this server, each appending the address it saw to
 * X-Forwarded-For, so the client is the entry that many places from the right. `addresses`:
 * connections from these addresses or ranges are proxies; the client is the rightmost entry
 * not among them. Never "trust everyone": a client could then choose its own address.
 */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

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
  /** Behind a reverse proxy that terminates HTTPS: whose X-Forwarded-* to honour (client address, `Secure` cookies). */
  trustProxy: TrustProxy;
  /** A session unused this long ends; it ends 8 hours after sign-in however much it is used. */
  sessionIdleMs: number;
  /** Where mail is sent (nodemailer's smtp:// or smtps:// URL); when absent, messages stay in the outbox for administrators to read. */
  smtpUrl: string | undefined;
  /** The From of every message. */
  mailFrom: string;
  /** The address people reach the web app at (PUBLIC_URL), for links in mail; when absent, the address each request came to. */
  publicUrl: string | undefined;
  /** How long an invitation's link works (INVITATION_DAYS, 7 by default). */
  invitationDays: number;
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
    trustProxy: e.TRUST_PROXY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL,
    invitationDays: e.INVITATION_DAYS,
    ...overrides,
  };
}

/** Names proxy-addr (Fastify's proxy resolver) knows for common private ranges. */
const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `0`/`false`, a hop count (`1`), or addresses and CIDR ranges (`127.0.0.1,10.0.0.0/8`); throws naming what is wrong. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === 'true') {
    throw new Error(
      'TRUST_PROXY=true would believe every X-Forwarded-For entry, so any client could choose its own ' +
        'address and escape the sign-in limit. Give the number of proxies in front of the server (TRUST_PROXY=1) or their ' +
        'addresses (TRUST_PROXY=127.0.0.1,10.0.0.0/8)',
    );
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error(`${hops} is more proxies than any real set-up; give the number of proxies in front of the server, e.g. 1`);
    return { hops };
  }
  const addresses = text.split(',').map((a) => a.trim());
  const bad = addresses.filter((a) => !isAddressOrRange(a));
  if (bad.length > 0) {
    throw new Error(
      `${bad.map((a) => `"${a}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not an IP address or CIDR range; ` +
        'give 0, the number of proxies (1), or addresses such as 127.0.0.1,10.0.0.0/8',
    );
  }
  return { addresses };
}

function isAddressOrRange(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Test switches, read here so tests need not touch process.env. */
export const testEnv = {
  /** Set by CI: tests that would skip for a missing service or file must fail instead. */
  requireAll: process.env.REQUIRE_ALL === '1',
  /** PostgreSQL server for the integration suite; CI points it at 127.0.0.1:5432/test. */
  testDatabaseUrl: process.env.TEST_DATABASE_URL,
  chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  /** Browser tests write the screenshots kept in docs/screenshots (`npm run screenshots`), not the ignored test-results/. */
  updateScreenshots: process.env.UPDATE_SCREENSHOTS === '1',
};
