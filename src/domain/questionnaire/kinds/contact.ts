// The contact block: who answers (the coordinating office of a State, or an organisation).
import { z } from 'zod';
import { Key, defineKind, duplicateKeys, textAt, type Finding, type ReadLine } from '../kind.ts';
import { plain, type Block } from '../layout.ts';
import { Text } from '../text.ts';

export const ContactField = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a field key is camelCase letters and digits, e.g. "mailingAddress"'),
  label: Text,
  /** "country" is the field the State is read from. */
  type: z.enum(['text', 'email', 'tel', 'multiline', 'country', 'url']).default('text'),
  required: z.boolean().default(true),
});
export type ContactField = z.infer<typeof ContactField>;

export const ContactItem = z.object({
  kind: z.literal('contact'),
  key: Key,
  /** The sentence above the block ("Please identify the office responsible …"). */
  introduction: Text.optional(),
  fields: z.array(ContactField).min(1, 'a contact block needs at least one field'),
  /** The sentence printed below the block (how and by when to return the form). */
  afterword: Text.optional(),
});
export type ContactItem = z.infer<typeof ContactItem>;

export const ContactAnswer = z.object({
  kind: z.literal('contact'),
  /** By field key. */
  fields: z.record(z.string(), z.string()).default({}),
});
export type ContactAnswer = z.infer<typeof ContactAnswer>;

const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const contact = defineKind<ContactItem, ContactAnswer>({
  kind: 'contact',
  summary: 'the contact block: its fields (country, office, name, e-mail, …)',
  item: ContactItem,
  answer: ContactAnswer,
  empty: (item) => ({ kind: 'contact', fields: Object.fromEntries(item.fields.map((f) => [f.key, ''])) }),
  check(item, answer, ctx) {
    const findings: Finding[] = [];
    const who = ctx.respondentType === 'state' ? 'the coordinating office' : 'the respondent';
    for (const f of item.fields) {
      const value = (answer?.fields[f.key] ?? '').trim();
      const label = ctx.t(f.label).toLowerCase();
      if (value === '') {
        if (f.required) findings.push({ severity: 'warning', code: 'empty-contact-field', item: item.key, field: f.key, message: `The ${label} of ${who} is empty.` });
      } else if (f.type === 'email' && !value.split(/[\s,;]+/).every((v) => email.test(v))) {
        findings.push({
          severity: 'warning',
          code: 'invalid-email',
          item: item.key,
          field: f.key,
          message: `The ${label} of ${who}, "${value}", does not look like an e-mail address.`,
        });
      }
    }
    for (const key of Object.keys(answer?.fields ?? {})) {
      if (!item.fields.some((f) => f.key === key)) {
        findings.push({ severity: 'error', code: 'unknown-field', item: item.key, field: key, message: `The contact block has no field "${key}".` });
      }
    }
    return findings;
  },
  texts: (item) => [
    ...textAt(['introduction'], item.introduction, 'marker'),
    ...item.fields.flatMap((f, i) => textAt(['fields', i, 'label'], f.label, 'printed')),
    ...textAt(['afterword'], item.afterword, 'printed'),
  ],
  layout(item, answer, { t }) {
    // Labels end with a colon, as on the paper form ("Country:").
    const rows = item.fields.map((f): [string, string] => {
      const label = t(f.label);
      return [/:\s*$/.test(label) ? label : `${label}:`, answer?.fields[f.key] ?? ''];
    });
    const out: Block[] = [{ kind: 'contact', rows }];
    if (item.introduction !== undefined) out.unshift(plain(t(item.introduction)));
    if (item.afterword !== undefined) out.push(plain(t(item.afterword)));
    return out;
  },
  problems: (item) => duplicateKeys(item.fields, 'fields', 'contact field'),
  read(item, lines, ctx) {
    // "Label: value" a field (a Word table's two cells read the same); further lines of a value
    // follow it; the afterword is the form's.
    const answer: ContactAnswer = { kind: 'contact', fields: {} };
    const form: string[] = [];
    const unplaced: ReadLine[] = [];
    let field: ContactField | undefined;
    for (const line of lines) {
      const labelled = ctx.labelled(line.text, item.fields.filter((f) => answer.fields[f.key] === undefined));
      const afterword = item.afterword === undefined ? null : ctx.starts(line.text, item.afterword);
      if (labelled) {
        field = item.fields.find((f) => f.key === labelled.key)!;
        form.push(line.text.slice(0, labelled.labelEnd));
        answer.fields[field.key] = labelled.value;
      } else if (afterword !== null && line.text.slice(afterword).trim() === '') {
        form.push(line.text);
        field = undefined;
      } else if (field) {
        const value = answer.fields[field.key]!;
        answer.fields[field.key] = value ? `${value}${field.type === 'multiline' ? '\n' : ' '}${line.text.trim()}` : line.text.trim();
      } else unplaced.push(line);
    }
    return { answer, form, unplaced };
  },
});
