// Presentation helpers: dates, labels and counts as officials read them, in the interface language
// (src/web/i18n): Intl formats dates and numbers, the catalogue gives the words.
import type { Tri } from '../../domain/response.ts';
import type { Template } from '../../domain/template.ts';
import { i18n, intlLocale } from '../i18n/index.ts';
import type { CycleSummary, Role, SubmissionStatus } from '../../services/types.ts';

/** "2020-08-31" → "31 August 2020" (UN style) or "31 août 2020", in the interface language, without time-zone surprises. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A timestamp as "31 August 2020, 14:05" (or "31 août 2020 à 14:05") in the reader's local time. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = intlLocale();
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return i18n.t('format.dateTime', { date, time });
}

/** A count or figure written the interface language's way ("1,234" / "1 234"). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(intlLocale()).format(n);
}

/** Whole days from `today` to the deadline (both YYYY-MM-DD); negative when overdue. */
export function daysUntil(deadline: string, today: string): number {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((day(deadline) - day(today)) / 86_400_000);
}

export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "12 days left", "due today", "overdue by 3 days", in the interface language. */
export function deadlineLabel(deadline: string, today: string): { text: string; overdue: boolean } {
  const n = daysUntil(deadline, today);
  if (n === 0) return { text: i18n.t('format.dueToday'), overdue: false };
  if (n > 0) return { text: i18n.t('format.daysLeft', { count: n }), overdue: false };
  return { text: i18n.t('format.overdue', { count: -n }), overdue: true };
}

export function roleLabel(role: Role): string {
  return i18n.t(`role.${role}`);
}

export function submissionStatusLabel(status: SubmissionStatus): string {
  return i18n.t(`submissionStatus.${status}`);
}

export function cycleStatusLabel(status: CycleSummary['status']): string {
  return i18n.t(`cycleStatus.${status}`);
}


/** For a State's users, their own State's submission status in a cycle: the only one the server tells them of. */
export function ownSubmissionStatus(c: Pick<CycleSummary, 'progress'>): SubmissionStatus {
  const [status] = Object.keys(c.progress) as SubmissionStatus[];
  return status ?? 'not-started';
}

/** Answered = handed in to the secretariat (submitted, returned for revision or accepted); drafts are counted apart. */
export function cycleProgress(c: Pick<CycleSummary, 'invitedCount' | 'progress'>): { invited: number; answered: number; drafts: number } {
  const p = c.progress;
  return {
    invited: c.invitedCount,
    answered: (p.submitted ?? 0) + (p.returned ?? 0) + (p.accepted ?? 0),
    drafts: p.draft ?? 0,
  };
}

/** A yes / no / not answered value (consent, a guiding principle), as a person reads it. */
export function triLabel(value: Tri): string {
  return i18n.t(`tri.${value}`);
}

/** The consent as the form words its boxes ("Yes" / "No"), or "Not answered". */
export function consentLabel(consent: Tri, form: NonNullable<Template['consent']>): string {
  return consent === 'yes' ? form.yesLabel : consent === 'no' ? form.noLabel : triLabel('unanswered');
}
