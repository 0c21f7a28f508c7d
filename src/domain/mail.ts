// E-mail messages, pure: what a message is, and the small set of templates the application sends
// (invitations, reminders, acknowledgements, returns for revision, acceptances, deadline extensions, queries, a test message), each in plain text and HTML and in
// every language its catalogue has (English and French at least; English when the recipient's
// language is missing). src/services/mail.ts stores and delivers what `renderMessage` makes.

/** Why a message is sent; the outbox lists it. */
export const mailKinds = ['test', 'invitation', 'reminder', 'acknowledgement', 'account-invitation', 'password-reset', 'returned', 'accepted', 'deadline-extended', 'query'] as const;
export type MailKind = (typeof mailKinds)[number];

/** The record a message is about, e.g. `{ type: 'submission', id: '<cycle>/XAA' }`. */
export interface MailRelated {
  type: string;
  id: string;
}

export interface MailMessage {
  to: string[];
  cc: string[];
  subject: string;
  /** The plain-text part. */
  text: string;
  /** The HTML part: the same content, every value escaped. */
  html: string;
  /** The language the message is written in (BCP 47, e.g. "fr"), sent as Content-Language. */
  language: string;
  kind: MailKind;
  related: MailRelated | null;
}

/**
 * One message template in one language: a subject line and paragraphs, with `{placeholders}`
 * filled from the values given. A value that is a web address becomes a link in the HTML part.
 */
export interface MailTemplate {
  subject: string;
  paragraphs: string[];
}

/** The values each kind's templates use. */
export interface MailValues {
  test: { recipient: string };
  invitation: { recipientName: string; cycleTitle: string; stateName: string; deadline: string; link: string };
  reminder: { recipientName: string; cycleTitle: string; stateName: string; deadline: string; link: string };
  acknowledgement: { recipientName: string; cycleTitle: string; stateName: string; version: string; link: string };
  /** A personal link to create one's account (src/services/invitations.ts). */
  'account-invitation': { recipientName: string; inviterName: string; what: string; expires: string; link: string };
  'password-reset': { recipientName: string; expires: string; link: string };
  /** `message` is the secretariat's, as written (what the State should change). */
  returned: { recipientName: string; cycleTitle: string; stateName: string; version: string; returnedBy: string; message: string; link: string };
  accepted: { recipientName: string; cycleTitle: string; stateName: string; version: string; link: string };
  /** The secretariat moved an open cycle's deadline later (src/services/cycles.ts). */
  'deadline-extended': { recipientName: string; cycleTitle: string; stateName: string; previousDeadline: string; deadline: string; link: string };
  /** A message in a submission's queries thread (src/services/messages.ts), to the other side: `message` as written. */
  query: { recipientName: string; authorName: string; stateName: string; cycleTitle: string; message: string; link: string };
}

export const defaultMailLanguage = 'en';

/** Every template, by kind and language. English must have every kind. */
export const mailCatalogue: Record<MailKind, Record<string, MailTemplate>> = {
  test: {
    en: {
      subject: 'GCM Review: test message',
      paragraphs: ['This is a test message from GCM Review, sent to {recipient}.', 'If you can read it, e-mail from GCM Review reaches this address.'],
    },
    fr: {
      subject: 'GCM Review : message d’essai',
      paragraphs: ['Ceci est un message d’essai de GCM Review, envoyé à {recipient}.', 'Si vous le lisez, les courriels de GCM Review parviennent à cette adresse.'],
    },
  },
  invitation: {
    en: {
      subject: 'Invitation: {cycleTitle}',
      paragraphs: [
        'Dear {recipientName},',
        '{stateName} is invited to take part in {cycleTitle}. Please answer the questionnaire by {deadline}.',
        'Open the questionnaire: {link}',
      ],
    },
    fr: {
      subject: 'Invitation : {cycleTitle}',
      paragraphs: [
        'Madame, Monsieur {recipientName},',
        '{stateName} est invité à participer à {cycleTitle}. Merci de répondre au questionnaire avant le {deadline}.',
        'Ouvrir le questionnaire : {link}',
      ],
    },
  },
  reminder: {
    en: {
      subject: 'Reminder: {cycleTitle} is due on {deadline}',
      paragraphs: ['Dear {recipientName},', 'The answers of {stateName} to {cycleTitle} are due on {deadline}.', 'Open the questionnaire: {link}'],
    },
    fr: {
      subject: 'Rappel : {cycleTitle}, réponse attendue le {deadline}',
      paragraphs: ['Madame, Monsieur {recipientName},', 'Les réponses de {stateName} à {cycleTitle} sont attendues le {deadline}.', 'Ouvrir le questionnaire : {link}'],
    },
  },
  acknowledgement: {
    en: {
      subject: 'Received: the submission of {stateName} to {cycleTitle}',
      paragraphs: ['Dear {recipientName},', 'We have received the submission of {stateName} to {cycleTitle} (version {version}). Thank you.', 'See the submission: {link}'],
    },
    fr: {
      subject: 'Reçu : la contribution de {stateName} à {cycleTitle}',
      paragraphs: [
        'Madame, Monsieur {recipientName},',
        'Nous avons bien reçu la contribution de {stateName} à {cycleTitle} (version {version}). Merci.',
        'Voir la contribution : {link}',
      ],
    },
  },
  'account-invitation': {
    en: {
      subject: 'GCM Review: your account',
      paragraphs: [
        'Dear {recipientName},',
        '{inviterName} invites you to GCM Review as {what}.',
        'Choose your password with this personal link (valid until {expires}, once): {link}',
        'If you did not expect this message, you may ignore it.',
      ],
    },
    fr: {
      subject: 'GCM Review : votre compte',
      paragraphs: [
        'Madame, Monsieur {recipientName},',
        '{inviterName} vous invite dans GCM Review : {what}.',
        'Choisissez votre mot de passe avec ce lien personnel (valable jusqu’au {expires}, une seule fois) : {link}',
        'Si vous n’attendiez pas ce message, vous pouvez l’ignorer.',
      ],
    },
  },
  'password-reset': {
    en: {
      subject: 'GCM Review: choose a new password',
      paragraphs: [
        'Dear {recipientName},',
        'Someone asked to reset the password of your GCM Review account. Choose a new one with this link (valid until {expires}, once): {link}',
        'If it was not you, ignore this message: your password stays as it is.',
      ],
    },
    fr: {
      subject: 'GCM Review : choisir un nouveau mot de passe',
      paragraphs: [
        'Madame, Monsieur {recipientName},',
        'Quelqu’un a demandé à réinitialiser le mot de passe de votre compte GCM Review. Choisissez-en un nouveau avec ce lien (valable jusqu’au {expires}, une seule fois) : {link}',
        'Si ce n’était pas vous, ignorez ce message : votre mot de passe reste le même.',
      ],
    },
  },
  returned: {
    en: {
      subject: 'Returned for revision: the submission of {stateName} to {cycleTitle}',
      paragraphs: [
        'Dear {recipientName},',
        '{returnedBy} has returned the submission of {stateName} to {cycleTitle} (version {version}) for revision, with this message:',
        '{message}',
        'Please revise the answers and submit them again: {link}',
      ],
    },
    fr: {
      subject: 'Renvoyée pour révision : la contribution de {stateName} à {cycleTitle}',
      paragraphs: [
        'Madame, Monsieur {recipientName},',
        '{returnedBy} a renvoyé pour révision la contribution de {stateName} à {cycleTitle} (version {version}), avec ce message :',
        '{message}',
        'Merci de revoir les réponses et de les soumettre à nouveau : {link}',
      ],
    },
  },
  accepted: {
    en: {
      subject: 'Accepted: the submission of {stateName} to {cycleTitle}',
      paragraphs: ['Dear {recipientName},', 'The submission of {stateName} to {cycleTitle} (version {version}) has been accepted. Thank you.', 'See the submission: {link}'],
    },
    fr: {
      subject: 'Acceptée : la contribution de {stateName} à {cycleTitle}',
      paragraphs: [
        'Madame, Monsieur {recipientName},',
        'La contribution de {stateName} à {cycleTitle} (version {version}) a été acceptée. Merci.',
        'Voir la contribution : {link}',
      ],
    },
  },
  'deadline-extended': {
    en: {
      subject: 'New deadline: {cycleTitle} is now due on {deadline}',
      paragraphs: [
        'Dear {recipientName},',
        'The deadline of {cycleTitle} has been extended from {previousDeadline} to {deadline}. The answers of {stateName} are now due on {deadline}.',
        'Open the questionnaire: {link}',
      ],
    },
    fr: {
      subject: 'Nouvelle date limite : {cycleTitle}, réponse attendue le {deadline}',
      paragraphs: [
        'Madame, Monsieur {recipientName},',
        'La date limite de {cycleTitle} a été reportée du {previousDeadline} au {deadline}. Les réponses de {stateName} sont désormais attendues le {deadline}.',
        'Ouvrir le questionnaire : {link}',
      ],
    },
  },
  query: {
    en: {
      subject: 'Query: the submission of {stateName} to {cycleTitle}',
      paragraphs: ['Dear {recipientName},', '{authorName} wrote about the submission of {stateName} to {cycleTitle}:', '{message}', 'Read the thread and answer: {link}'],
    },
    fr: {
      subject: 'Question : la contribution de {stateName} à {cycleTitle}',
      paragraphs: ['Madame, Monsieur {recipientName},', '{authorName} a écrit au sujet de la contribution de {stateName} à {cycleTitle} :', '{message}', 'Lire les échanges et répondre : {link}'],
    },
  },
};

/** The languages a kind of message is written in. */
export function mailLanguages(kind: MailKind): string[] {
  return Object.keys(mailCatalogue[kind]);
}

/** The language a message to someone who reads `wanted` is written in: theirs (or its base, "fr" for "fr-CA") when the catalogue has it, else English. */
export function mailLanguageFor(kind: MailKind, wanted: string | null | undefined): string {
  const have = mailCatalogue[kind];
  const tag = (wanted ?? '').trim().toLowerCase();
  if (tag in have) return tag;
  const base = tag.split('-')[0] ?? '';
  return base in have ? base : defaultMailLanguage;
}

export interface RenderInput<K extends MailKind> {
  kind: K;
  to: string | string[];
  cc?: string | string[] | undefined;
  /** The recipient's language; English when the catalogue has not got it. */
  language?: string | null | undefined;
  values: MailValues[K];
  related?: MailRelated | null | undefined;
  /** Words in place of the catalogue's (a secretariat's own reminder), with the same `{placeholders}`, written in `language` (English by default). */
  template?: MailTemplate | undefined;
}

/** A message from a template: its placeholders filled, plain text and HTML, in the recipient's language where there is one. */
export function renderMessage<K extends MailKind>(input: RenderInput<K>): MailMessage {
  const language = input.template ? (input.language ?? defaultMailLanguage) : mailLanguageFor(input.kind, input.language);
  const template = input.template ?? mailCatalogue[input.kind][language]!;
  const values = input.values as unknown as Record<string, string>;
  const paragraphs = template.paragraphs.map((p) => fill(p, values));
  return {
    to: list(input.to),
    cc: list(input.cc),
    // A subject is one line, whatever the values hold.
    subject: fill(template.subject, values, (v) => v.replace(/\s+/g, ' ')).trim(),
    text: paragraphs.join('\n\n') + '\n',
    html: htmlDocument(
      language,
      template.paragraphs.map((p) => `<p>${fill(escapeHtml(p), values, (v) => (isWebAddress(v) ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v)))}</p>`),
    ),
    language,
    kind: input.kind,
    related: input.related ?? null,
  };
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((a) => a.trim()).filter((a) => a !== '');
}

/** Replaces each `{name}` by its value (through `present`); a placeholder without a value is a mistake in the caller. */
function fill(text: string, values: Record<string, string>, present: (value: string) => string = (v) => v): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`The mail template needs a value for {${name}}.`);
    return present(value);
  });
}

function isWebAddress(value: string): boolean {
  return /^https?:\/\/\S+$/.test(value);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function htmlDocument(language: string, paragraphs: string[]): string {
  return `<!doctype html>\n<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"></head><body>\n${paragraphs.join('\n')}\n</body></html>\n`;
}

export const outboxStatuses = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** A message as the outbox records it: queued (not sent, or not yet), sent, or failed with the error. */
export interface OutboxEntry extends MailMessage {
  id: string;
  status: OutboxStatus;
  /** How many times delivery was tried (0 when no SMTP server is configured). */
  attempts: number;
  /** The last failure, as the SMTP server or the network gave it. */
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}
