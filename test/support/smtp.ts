// A real SMTP server for tests (smtp-server) on 127.0.0.1, on a free port: what the application
// sends arrives here, parsed by mailparser.
//
//   const smtp = await startSmtpServer();
//   ... send with SMTP_URL = smtp.url ...
//   const mail = await smtp.next();   // subject, text, html, headers
//   await smtp.close();
import { createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  mail: ParsedMail;
  /** The envelope: MAIL FROM and RCPT TO as the conversation gave them. */
  from: string;
  to: string[];
}

export interface TestSmtpServer {
  url: string;
  port: number;
  /** Every message received so far. */
  received: Received[];
  /** The next message not yet taken (waits up to 10 s for it). */
  next(): Promise<Received>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: Received[] = [];
  let taken = 0;
  const waiting: (() => void)[] = [];
  const server = new SMTPServer({
    // Plain SMTP on the loopback address: no TLS, no sign-in.
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ mail, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) });
          for (const wake of waiting.splice(0)) wake();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    async next() {
      const deadline = Date.now() + 10_000;
      while (received.length <= taken) {
        if (Date.now() > deadline) throw new Error('No message reached the test SMTP server within 10 s.');
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received[taken++]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An smtp:// URL where nothing listens (a port just freed), for delivery failures. */
export async function deadSmtpUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `smtp://127.0.0.1:${port}`;
}
