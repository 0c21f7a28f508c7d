// Cycle terms in a template's text. A template's words may name the terms a review cycle sets
// (its meeting, deadline, return and copy addresses, regional commission) through placeholders,
// so that the form a State downloads for a cycle and the page it reads say the same: the cycle's.
//
//   {meeting.name} {meeting.place} {meeting.dates}  the cycle's meeting, else the template's `meeting`
//   {deadline}                                      the cycle's deadline, as "31 August 2027"
//   {returnTo}                                      the cycle's first return address
//   {copyTo}                                        the cycle's further return addresses, joined by ", "
//   {commission}                                    the cycle's region in capitals: escap → ESCAP
//
// `{name|words}` gives the words printed where there is no cycle (a blank form of the template)
// or the cycle does not set that term. Pure: no I/O, the same in the server and the browser.
// For the item model, fillQuestionnairePlaceholders is in questionnaire/placeholders.ts (this module
// loads none of the item model, which the fixed-slot commands do not need).
import type { FieldProblem, Template } from './template.ts';

export const placeholderNames = ['meeting.name', 'meeting.place', 'meeting.dates', 'deadline', 'returnTo', 'copyTo', 'commission'] as const;
export type PlaceholderName = (typeof placeholderNames)[number];

/** What a review cycle sets, as its record holds it (src/services/types.ts Cycle). */
export interface CycleTerms {
  region: string;
  meeting: { name: string; place?: string | undefined; dates?: string | undefined } | null;
  /** YYYY-MM-DD. */
  deadline: string;
  returnAddresses: readonly string[];
}

/** `{name}` or `{name|words}`: a name is letters and dots; the words hold no braces. */
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)(?:\|([^{}]*))?\}/g;

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2027-08-31" → "31 August 2027", as the form prints a date. */
export function printedDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? months[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** The value of each placeholder a cycle sets (a term it leaves unset is absent). */
export function cycleValues(cycle: CycleTerms): Partial<Record<PlaceholderName, string>> {
  const [returnTo, ...copies] = cycle.returnAddresses;
  const values: Partial<Record<PlaceholderName, string>> = {
    deadline: printedDate(cycle.deadline),
    commission: cycle.region.toUpperCase(),
  };
  if (cycle.meeting?.name) values['meeting.name'] = cycle.meeting.name;
  if (cycle.meeting?.place) values['meeting.place'] = cycle.meeting.place;
  if (cycle.meeting?.dates) values['meeting.dates'] = cycle.meeting.dates;
  if (returnTo) values.returnTo = returnTo;
  if (copies.length) values.copyTo = copies.join(', ');
  return values;
}

/**
 * The template with every placeholder in its text filled: from the cycle's terms when given, else
 * from the words the placeholder carries (`{deadline|31 August 2020}`) or the template's `meeting`.
 * A placeholder with no value is left as written. Filling a filled template changes nothing.
 * For a cycle, `meeting` becomes the cycle's meeting when it has one.
 */
export function fillPlaceholders(template: Template, cycle?: CycleTerms): Template {
  const values: Partial<Record<string, string>> = cycle ? cycleValues(cycle) : {};
  const meeting = cycle?.meeting ?? template.meeting;
  const own: Partial<Record<string, string | undefined>> = { 'meeting.name': template.meeting?.name, 'meeting.place': template.meeting?.place, 'meeting.dates': template.meeting?.dates };
  const fill = (text: string) =>
    text.includes('{') ? text.replace(PLACEHOLDER, (whole, name: string, words: string | undefined) => values[name] ?? words ?? own[name] ?? whole) : text;
  const filled = mapStrings(template, fill) as Template;
  return meeting === template.meeting ? filled : { ...filled, meeting: meeting ? { ...meeting } : undefined };
}

/** Each placeholder in the template's text (fixed slots or items) that is not one of `placeholderNames`, with where it is. */
export function unknownPlaceholders(template: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set<string>(placeholderNames);
  walk(template, '', (text, path) => {
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (!known.has(m[1]!)) {
        problems.push({ path, message: `"{${m[1]}}" is not a placeholder; the placeholders are ${placeholderNames.map((n) => `{${n}}`).join(', ')}` });
      }
    }
  });
  return problems;
}

export function mapStrings(value: unknown, fill: (text: string) => string): unknown {
  if (typeof value === 'string') return fill(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fill));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fill)]));
  return value;
}

function walk(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path || '(the template as a whole)');
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, visit);
}
