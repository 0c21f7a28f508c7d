// Shared set-up for the browser tests: the app on a fresh PGlite database with the demo data,
// a headless Chromium from the system (never downloaded), sign-in, accessibility checks and
// screenshots: into test-results/screenshots (ignored by git) on every run, and into the ones
// kept in docs/screenshots only when asked (UPDATE_SCREENSHOTS=1, `npm run screenshots`).
//
//   const run = await browserSuite();         // at the top level of a test file
//   describe('…', { skip: run.skip }, () => { before(run.start); after(run.stop); … });
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { testEnv } from '../../src/config.ts';
import { demoAccount } from '../../src/demo/accounts.ts';
import { packagePath } from '../../src/package-root.ts';
import type { Role } from '../../src/services/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { createServices } from '../../src/services/index.ts';

export const screenshotDir = packagePath(testEnv.updateScreenshots ? 'docs/screenshots/' : 'test-results/screenshots/');
const webIndex = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface BrowserRun {
  /** A one-line reason to skip (no Chromium here), or false. */
  skip: string | false;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly app: TestApp;
  readonly browser: Browser;
  /** The SMTP server the app sends through, with `browserSuite({ smtp: true })`. */
  readonly smtp: TestSmtpServer;
  /** A new browser context (its own cookies and storage) of the given size. */
  context(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  /** A new page in a new context, signed in through the sign-in page as the demo account with `role`. */
  signedInPage(role: Role, stateIso3?: string | null, viewport?: { width: number; height: number }): Promise<Page>;
}

/** Decides whether the suite can run here; with REQUIRE_ALL=1 a missing Chromium is a failure, not a skip. */
export function browserSuite(options: { smtp?: boolean } = {}): BrowserRun {
  const missing = existsSync(testEnv.chromiumPath) ? false : `Chromium not found at ${testEnv.chromiumPath} (set CHROMIUM_PATH)`;
  let app: TestApp | undefined;
  let smtp: TestSmtpServer | undefined;
  let database: TestDatabase | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];

  const run: BrowserRun = {
    skip: missing && !testEnv.requireAll ? missing : false,
    async start() {
      if (missing) throw new Error(`${missing}; REQUIRE_ALL=1 forbids skipping the browser tests.`);
      if (!existsSync(webIndex)) throw new Error('dist/web/index.html is missing: run `npm run build` before the browser tests.');
      if (options.smtp) {
        // Mail goes through a real SMTP server the test reads.
        smtp = await startSmtpServer();
        database = await openTestDatabase({ name: 'pglite' });
        const services = createServices(database.db, { mail: { smtpUrl: smtp.url, mailFrom: 'GCM Review <review@example.test>' } });
        app = await startTestApp({ name: 'pglite' }, { demo: true, database: { db: database.db, services } });
      } else app = await startTestApp({ name: 'pglite' }, { demo: true });
      browser = await chromium.launch({ executablePath: testEnv.chromiumPath, args: chromiumArgs });
    },
    async stop() {
      await browser?.close();
      await app?.close();
      await database?.close();
      await smtp?.close();
      // Uncaught errors in the page fail the suite even when every assertion passed.
      assert.deepEqual(pageErrors, [], 'the browser app threw errors');
    },
    get app() {
      return app ?? raise('The test app is not started; call start() in before().');
    },
    get browser() {
      return browser ?? raise('The browser is not started; call start() in before().');
    },
    get smtp() {
      return smtp ?? raise('No SMTP server: ask for one with browserSuite({ smtp: true }).');
    },
    async context(viewport = { width: 1280, height: 800 }) {
      const context = await run.browser.newContext({ viewport, baseURL: run.app.url, reducedMotion: 'reduce', locale: 'en-GB' });
      context.setDefaultTimeout(15_000);
      context.on('page', (page) => page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`)));
      return context;
    },
    async signedInPage(role, stateIso3 = null, viewport) {
      const page = await (await run.context(viewport)).newPage();
      await signIn(page, role, stateIso3);
      return page;
    },
  };
  return run;
}

/** Signs in through the form, as a person would, and waits for the list of cycles. */
export async function signIn(page: Page, role: Role, stateIso3: string | null = null): Promise<void> {
  const account = demoAccount(role, stateIso3);
  await page.goto('/signin');
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Review cycles' }).waitFor();
}

/** WCAG 2.1 A and AA rules; returns the serious and critical violations as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}; at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** Saves <name>.png of what is on screen (the viewport) into screenshotDir. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Let web fonts and layout settle, and keep the caret and focus rings out of the picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: `${screenshotDir}${name}.png`, animations: 'disabled', caret: 'hide' });
}

function raise(message: string): never {
  throw new Error(message);
}
