// Mail, as a service. `send(message)` is all other services need: it stores the message in the
// outbox and, when an SMTP server is configured (SMTP_URL), delivers it there through nodemailer.
// A delivery that fails is recorded on the message (status "failed", the error) and never thrown:
// the request that caused the message has done its work; `retryFailed` tries those again. Without
// SMTP_URL the outbox is where mail goes, and administrators read it (GET /api/outbox, the web
// app's Outbox page, `gcm-review mail outbox`).
//
//   const message = renderMessage({ kind: 'invitation', to: focal.email, language: 'fr', values: {...}, related: { type: 'cycle', id } });
//   await services.mail.send(message); // -> the outbox entry: queued (no SMTP), sent or failed
import type { Transporter } from 'nodemailer';
import type { MailMessage, OutboxEntry } from '../domain/mail.ts';
import type { Database } from '../store/database.ts';
import { failedOutboxMessages, findOutboxMessage, insertOutboxMessage, listOutbox, recordDelivery } from '../store/outbox.ts';
import { NotFound } from './errors.ts';
import { authorize, outboxPolicy } from './policy.ts';
import type { Services } from './types.ts';

export interface MailSettings {
  /** nodemailer's smtp:// or smtps:// URL; undefined: mail stays in the outbox. */
  smtpUrl: string | undefined;
  /** The From of every message. */
  mailFrom: string;
}

/** A failed message is tried this many times in all before retries leave it. */
export const maxDeliveryAttempts = 5;

export function mailService(db: Database, settings: MailSettings): Services['mail'] {
  // One transport for the process, made on the first message (nodemailer loads only then).
  let transport: Promise<Transporter> | undefined;
  const transporter = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    ));

  /** Hands a stored message to the SMTP server and records what happened; never throws for a delivery failure. */
  async function deliver(entry: OutboxEntry): Promise<OutboxEntry> {
    let outcome: { sentAt: Date } | { error: string };
    try {
      await (
        await transporter()
      ).sendMail({
        from: settings.mailFrom,
        to: entry.to,
        cc: entry.cc.length > 0 ? entry.cc : undefined,
        subject: entry.subject,
        text: entry.text,
        html: entry.html,
        headers: { 'Content-Language': entry.language },
      });
      outcome = { sentAt: new Date() };
    } catch (err) {
      outcome = { error: (err as Error).message || String(err) };
    }
    return (await recordDelivery(db.drizzle, entry.id, outcome)) ?? entry;
  }

  return {
    delivery: settings.smtpUrl ? 'smtp' : 'outbox',
    async send(message: MailMessage) {
      if (message.to.length === 0) throw new Error('A message needs at least one recipient.');
      const stored = await insertOutboxMessage(db.drizzle, message);
      return settings.smtpUrl ? deliver(stored) : stored;
    },
    async list(actor, page = {}) {
      await authorize(db.drizzle, actor, outboxPolicy.read);
      const limit = Math.min(Math.max(Math.trunc(page.limit ?? 50), 1), 200);
      const offset = Math.max(Math.trunc(page.offset ?? 0), 0);
      return { ...(await listOutbox(db.drizzle, { limit, offset })), limit, offset, delivery: settings.smtpUrl ? 'smtp' : 'outbox' };
    },
    async get(actor, id) {
      await authorize(db.drizzle, actor, outboxPolicy.read);
      const found = await findOutboxMessage(db.drizzle, id);
      if (!found) throw new NotFound('There is no such message in the outbox.');
      return found;
    },
    async retryFailed(actor) {
      await authorize(db.drizzle, actor, outboxPolicy.read);
      if (!settings.smtpUrl) return { tried: 0, sent: 0, failed: 0 };
      const failed = await failedOutboxMessages(db.drizzle, maxDeliveryAttempts, 100);
      let sent = 0;
      for (const entry of failed) if ((await deliver(entry)).status === 'sent') sent++;
      return { tried: failed.length, sent, failed: failed.length - sent };
    },
  };
}
