// `gcm-review mail test|outbox|retry`, run in-process on a PGlite data folder of its own, as from
// the shell: a real SMTP conversation with a server the test starts, then without SMTP_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadSmtpUrl, startSmtpServer } from '../../../test/support/smtp.ts';
import { runCommand } from '../../../test/support/cli.ts';
import { CliError } from '../output.ts';
import { registerMailCommands } from './mail.ts';

const run = (...args: string[]) => runCommand([registerMailCommands], ...args);

test('mail test sends through SMTP_URL, or into the outbox without it; mail outbox lists them; a server down is reported and recorded', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cli-mail-'));
  const smtp = await startSmtpServer();
  const saved = { url: process.env.SMTP_URL, from: process.env.MAIL_FROM };
  t.after(async () => {
    for (const [key, value] of [['SMTP_URL', saved.url], ['MAIL_FROM', saved.from]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = 'Arvenia Review <review@arvenia.example>';
  const sent = await run('mail', 'test', 'ops@arvenia.example', '--language', 'fr', '--data-dir', dataDir);
  assert.match(sent, new RegExp(`^Sent a test message to ops@arvenia\\.example through the SMTP server at 127\\.0\\.0\\.1:${smtp.port} \\(outbox [0-9a-f-]{36}\\)\\.\\n$`));
  const { mail, to } = await smtp.next();
  assert.deepEqual(to, ['ops@arvenia.example']);
  assert.equal(mail.subject, 'GCM Review : message d’essai');
  assert.equal(mail.from?.value[0]?.address, 'review@arvenia.example');
  assert.match(mail.text ?? '', /Ceci est un message d’essai de GCM Review, envoyé à ops@arvenia\.example\./);
  assert.match(String(mail.html), /<p>Ceci est un message d’essai/);
  assert.equal(mail.headers.get('content-language'), 'fr');

  delete process.env.SMTP_URL;
  const queued = await run('mail', 'test', 'later@arvenia.example', '--data-dir', dataDir);
  assert.match(queued, /^SMTP_URL is not set: the test message to later@arvenia\.example is in the outbox \([0-9a-f-]{36}\); administrators read it in the web app \(Outbox\)\.\n$/);
  assert.equal(smtp.received.length, 1, 'nothing more reached the SMTP server');

  process.env.SMTP_URL = await deadSmtpUrl();
  await assert.rejects(
    run('mail', 'test', 'down@arvenia.example', '--data-dir', dataDir),
    (err: unknown) => err instanceof CliError && /could not be sent through the SMTP server at 127\.0\.0\.1:\d+: .*ECONNREFUSED.*recorded in the outbox/.test(err.message),
  );
  delete process.env.SMTP_URL;

  const lines = (await run('mail', 'outbox', '--data-dir', dataDir)).trimEnd().split('\n');
  assert.match(lines[0]!, /^TIME\s+STATUS\s+KIND\s+TO\s+SUBJECT$/);
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(/\s{2,}/).slice(1)),
    [
      ['failed', 'test', 'down@arvenia.example', 'GCM Review: test message'],
      ['queued', 'test', 'later@arvenia.example', 'GCM Review: test message'],
      ['sent', 'test', 'ops@arvenia.example', 'GCM Review : message d’essai'],
    ],
  );

  await assert.rejects(run('mail', 'retry', '--data-dir', dataDir), (err: unknown) => err instanceof CliError && /SMTP_URL is not set/.test(err.message));
  process.env.SMTP_URL = smtp.url;
  assert.equal(await run('mail', 'retry', '--data-dir', dataDir), 'Tried 1 failed message again: 1 sent, 0 failed.\n');
  assert.deepEqual((await smtp.next()).to, ['down@arvenia.example']);
});
