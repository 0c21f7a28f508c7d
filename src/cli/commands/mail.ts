// `gcm-review mail test|outbox|retry`: send a test message (through SMTP_URL, or into the outbox,
// saying which), list the latest messages of the outbox, try the failed ones again.
import type { Command } from 'commander';
import { renderMessage } from '../../domain/mail.ts';
import { systemActor } from '../../services/actors.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';
import { CliError, formatTable, printJson } from '../output.ts';

type Options = DatabaseOptions & { json?: boolean };

export function registerMailCommands(program: Command): void {
  const mail = program.command('mail').description('E-mail: send a test message, read the outbox');

  withDatabaseOptions(
    mail
      .command('test')
      .description('Send a test message to an address: through SMTP_URL, or into the outbox when it is not set')
      .argument('<address>', 'the e-mail address to send to')
      .option('--language <tag>', 'the language to write it in (en, fr)', 'en'),
  ).action(async (address: string, options: DatabaseOptions & { language: string }) => {
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new CliError(`"${address}" is not an e-mail address.`);
    const config = configFrom(options);
    await withServices(config, async (services) => {
      const entry = await services.mail.send(renderMessage({ kind: 'test', to: address, language: options.language, values: { recipient: address } }));
      if (entry.status === 'sent') process.stdout.write(`Sent a test message to ${address} through ${smtpServer(config.smtpUrl!)} (outbox ${entry.id}).\n`);
      else if (entry.status === 'queued')
        process.stdout.write(`SMTP_URL is not set: the test message to ${address} is in the outbox (${entry.id}); administrators read it in the web app (Outbox).\n`);
      else throw new CliError(`The test message to ${address} could not be sent through ${smtpServer(config.smtpUrl!)}: ${entry.error} (recorded in the outbox, ${entry.id}).`);
    });
  });

  withDatabaseOptions(
    mail
      .command('outbox')
      .description('List the latest messages of the outbox, newest first')
      .option('--limit <n>', 'how many', '20')
      .option('--json', 'print JSON'),
  ).action(async (options: Options & { limit: string }) => {
    await withServices(configFrom(options), async (services) => {
      const page = await services.mail.list(systemActor, { limit: Number(options.limit) || 20 });
      if (options.json) return printJson(page);
      if (page.messages.length === 0) return void process.stdout.write('The outbox is empty.\n');
      process.stdout.write(
        formatTable([
          ['TIME', 'STATUS', 'KIND', 'TO', 'SUBJECT'],
          ...page.messages.map((m) => [m.sentAt ?? m.createdAt, m.status, m.kind, m.to.join(', '), m.subject]),
        ]),
      );
      if (page.total > page.messages.length) process.stdout.write(`(${page.messages.length} of ${page.total})\n`);
    });
  });

  withDatabaseOptions(mail.command('retry').description('Try the failed messages again through SMTP_URL')).action(async (options: DatabaseOptions) => {
    const config = configFrom(options);
    if (!config.smtpUrl) throw new CliError('SMTP_URL is not set: there is no SMTP server to try again.');
    await withServices(config, async (services) => {
      const { tried, sent, failed } = await services.mail.retryFailed(systemActor);
      process.stdout.write(`Tried ${tried} failed message${tried === 1 ? '' : 's'} again: ${sent} sent, ${failed} failed.\n`);
    });
  });
}

/** "the SMTP server at mail.example.org:587": where SMTP_URL points, without its user and password. */
function smtpServer(url: string): string {
  return `the SMTP server at ${URL.canParse(url) ? new URL(url).host : '(SMTP_URL)'}`;
}
