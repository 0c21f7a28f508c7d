// `gcm-review mail test|outbox|retry`, run as processes of their own on a PGlite data folder, as from
// the shell: a real SMTP conversation with a server the test starts, then without SMTP_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadSmtpUrl, startSmtpServer } from '../support/smtp.ts';
import { fromSources } from '../support/cli-process.ts';
import { packageRoot } from '../../src/package-root.ts';

/** `gcm-review ...args` as a process of its own with `env` (asynchronously: the test's SMTP server answers meanwhile). */
function run(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, fromSources(...args), { cwd: packageRoot, env: { ...process.env, LOG_LEVEL: 'silent', SMTP_URL: '', ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('mail test sends through SMTP_URL, or into the outbox without it; mail outbox lists them; a server down is reported and recorded', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cli-mail-'));
  const smtp = await startSmtpServer();
  t.after(async () => {
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const withSmtp = { SMTP_URL: smtp.url, MAIL_FROM: 'Arvenia Review <review@arvenia.example>' };

  const sent = await run(withSmtp, 'mail', 'test', 'ops@arvenia.example', '--language', 'fr', '--data-dir', dataDir);
  assert.equal(sent.stderr, '');
  assert.match(sent.stdout, new RegExp(`^Sent a test message to ops@arvenia\\.example through the SMTP server at 127\\.0\\.0\\.1:${smtp.port} \\(outbox [0-9a-f-]{36}\\)\\.\\n$`));
  const { mail, to } = await smtp.next();
  assert.deepEqual(to, ['ops@arvenia.example']);
  assert.equal(mail.subject, 'GCM Review : message d’essai');
  assert.equal(mail.from?.value[0]?.address, 'review@arvenia.example');
  assert.match(mail.text ?? '', /Ceci est un message d’essai de GCM Review, envoyé à ops@arvenia\.example\./);
  assert.match(String(mail.html), /<p>Ceci est un message d’essai/);
  assert.equal(mail.headers.get('content-language'), 'fr');

  const queued = await run({}, 'mail', 'test', 'later@arvenia.example', '--data-dir', dataDir);
  assert.match(queued.stdout, /^SMTP_URL is not set: the test message to later@arvenia\.example is in the outbox \([0-9a-f-]{36}\); administrators read it in the web app \(Outbox\)\.\n$/);
  assert.equal(smtp.received.length, 1, 'nothing more reached the SMTP server');

  const down = await run({ SMTP_URL: await deadSmtpUrl() }, 'mail', 'test', 'down@arvenia.example', '--data-dir', dataDir);
  assert.equal(down.code, 1);
  assert.match(down.stderr, /could not be sent through the SMTP server at 127\.0\.0\.1:\d+: .*ECONNREFUSED.*recorded in the outbox/);

  const listed = await run({}, 'mail', 'outbox', '--data-dir', dataDir);
  const lines = listed.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^TIME\s+STATUS\s+KIND\s+TO\s+SUBJECT$/);
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(/\s{2,}/).slice(1)),
    [
      ['failed', 'test', 'down@arvenia.example', 'GCM Review: test message'],
      ['queued', 'test', 'later@arvenia.example', 'GCM Review: test message'],
      ['sent', 'test', 'ops@arvenia.example', 'GCM Review : message d’essai'],
    ],
  );

  assert.match((await run({}, 'mail', 'retry', '--data-dir', dataDir)).stderr, /SMTP_URL is not set/);
  assert.equal((await run(withSmtp, 'mail', 'retry', '--data-dir', dataDir)).stdout, 'Tried 1 failed message again: 1 sent, 0 failed.\n');
  assert.deepEqual((await smtp.next()).to, ['down@arvenia.example']);
});
