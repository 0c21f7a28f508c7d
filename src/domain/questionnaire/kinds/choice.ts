// A choice among options, single or multiple. A choice with the role "publication-consent" is the
// consent to publish: its options are "yes" and "no", and only "yes" lets a submission be published.
import { z } from 'zod';
import { Key, Label, capitalise, defineKind, duplicateKeys, either, textAt, type Finding, type ItemProblem, type ReadLine } from '../kind.ts';
import { labelled, yesNoRuns, type Run } from '../layout.ts';
import { Text } from '../text.ts';

export type ChoiceOption = z.infer<typeof ChoiceOption>;
export const ChoiceOption = z.object({
  value: Key,
  label: Text,
  /** The respondent says more in words when choosing it ("Other (please specify)"). */
  specify: z.boolean().optional(),
});

export const choiceRoles = ['publication-consent'] as const;

export const ChoiceItem = z.object({
  kind: z.literal('choice'),
  key: Key,
  label: Label.optional(),
  prompt: Text,
  multiple: z.boolean().default(false),
  /** What the answer does beyond being read: "publication-consent" gates publication. */
  role: z.enum(choiceRoles).optional(),
  options: z.array(ChoiceOption).min(1, 'a choice needs at least one option'),
});
export type ChoiceItem = z.infer<typeof ChoiceItem>;

export const ChoiceAnswer = z.object({
  kind: z.literal('choice'),
  /** The values of the options chosen, in the order chosen. */
  selected: z.array(z.string()).default([]),
  /** What the respondent wrote for an option that asks to specify, by option value. */
  specified: z.record(z.string(), z.string()).default({}),
});
export type ChoiceAnswer = z.infer<typeof ChoiceAnswer>;

export const choice = defineKind<ChoiceItem, ChoiceAnswer>({
  kind: 'choice',
  summary: 'one or several options chosen; the consent to publish is a choice with the role publication-consent',
  item: ChoiceItem,
  answer: ChoiceAnswer,
  empty: () => ({ kind: 'choice', selected: [], specified: {} }),
  check(item, answer, ctx) {
    const findings: Finding[] = [];
    const selected = answer?.selected ?? [];
    const labels = item.options.map((o) => ctx.t(o.label));
    if (selected.length === 0) {
      const consent = item.role === 'publication-consent';
      findings.push({
        severity: 'warning',
        code: consent ? 'consent-unanswered' : 'choice-unanswered',
        item: item.key,
        message: consent
          ? `Consent to share the report is not answered yet: please choose ${either(labels)}.`
          : `${capitalise(ctx.name)} is not answered yet: please choose ${item.multiple ? 'one or more of ' : ''}${either(labels)}.`,
      });
    }
    selected.forEach((value, i) => {
      const option = item.options.find((o) => o.value === value);
      if (!option) {
        findings.push({ severity: 'error', code: 'unknown-option', item: item.key, option: value, message: `"${value}" is not one of the options of ${ctx.name} (${either(labels)}).` });
      } else if (selected.indexOf(value) !== i) {
        findings.push({ severity: 'error', code: 'option-repeated', item: item.key, option: value, message: `"${ctx.t(option.label)}" is chosen twice in ${ctx.name}.` });
      } else if (option.specify && !(answer?.specified[value] ?? '').trim()) {
        findings.push({ severity: 'warning', code: 'option-not-specified', item: item.key, option: value, message: `"${ctx.t(option.label)}" is chosen in ${ctx.name}; please say which.` });
      }
    });
    if (!item.multiple && new Set(selected).size > 1) {
      findings.push({ severity: 'error', code: 'several-options', item: item.key, message: `${capitalise(ctx.name)} takes one answer, but ${selected.length} are chosen.` });
    }
    for (const [value, text] of Object.entries(answer?.specified ?? {})) {
      if (text.trim() && !selected.includes(value)) {
        findings.push({ severity: 'warning', code: 'specified-not-chosen', item: item.key, option: value, message: `There are words for "${value}" in ${ctx.name}, but that option is not chosen.` });
      }
    }
    return findings;
  },
  texts: (item) => [...textAt(['prompt'], item.prompt, 'marker'), ...item.options.flatMap((o, i) => textAt(['options', i, 'label'], o.label, 'printed'))],
  layout(item, answer, { t }) {
    const label = (value: string) => t(item.options.find((o) => o.value === value)?.label ?? value);
    // The consent is one line: "<prompt> ☒=Yes ☐=No".
    if (item.role === 'publication-consent') return [{ kind: 'text', runs: [{ text: `${t(item.prompt)} ` }, ...yesNoRuns(consentOf(answer), label('yes'), label('no'))] }];
    // Other choices: one line an option, "☒ <option>" or "☐ <option>", and what was specified ("☒ Other: <words>").
    const selected = answer?.selected ?? [];
    const lines = item.options.flatMap((o, i): Run[] => {
      const chosen = selected.includes(o.value);
      const words = chosen && o.specify ? (answer?.specified[o.value] ?? '').replace(/\s+/g, ' ').trim() : '';
      return [...(i > 0 ? [{ text: '\n' }] : []), { box: chosen }, { text: ` ${t(o.label)}${words ? `: ${words}` : ''}` }];
    });
    return [labelled(item.label, t(item.prompt)), { kind: 'text', runs: lines }];
  },
  problems(item) {
    const problems: ItemProblem[] = duplicateKeys(item.options, 'options', 'option value', 'value');
    if (item.role === 'publication-consent') {
      const values = item.options.map((o) => o.value).sort().join();
      if (item.multiple || values !== 'no,yes') {
        problems.push({ path: ['options'], message: 'the consent to publish is a single choice between the options "yes" and "no"' });
      }
    }
    return problems;
  },
  read(item, lines, ctx) {
    const answer: ChoiceAnswer = { kind: 'choice', selected: [], specified: {} };
    const form: string[] = [];
    const unplaced: ReadLine[] = [];
    if (item.role === 'publication-consent') {
      // "<prompt> ☒=Yes ☐=No": the boxes follow the prompt, on its line or the next.
      const label = (value: string) => ctx.t(item.options.find((o) => o.value === value)!.label);
      for (const line of lines) {
        const boxes = answer.selected.length === 0 ? (ctx.yesNo(line.text, label('yes'), label('no')) ?? ctx.yesNo(line.text)) : null;
        if (boxes) {
          if (boxes.value !== 'unanswered') answer.selected.push(boxes.value);
          const rest = `${line.text.slice(0, boxes.start)} ${line.text.slice(boxes.end)}`;
          if (/[\p{L}\p{N}]/u.test(rest)) unplaced.push({ no: line.no, text: rest.trim() });
          else form.push(rest);
        } else unplaced.push(line);
      }
      return { answer, form, unplaced };
    }
    // One line an option: "☒ <option>", "☐ <option>", "☒ <option>: <words>" for an option to specify.
    let open: string | undefined;
    for (const line of lines) {
      const box = ctx.box(line.text);
      // The longest label that begins the line ("Employer or business association" over "Employer").
      const [option, end] = (box ? item.options.map((o) => [o, ctx.starts(box.rest, o.label)] as const) : [])
        .filter((m): m is readonly [ChoiceOption, number] => m[1] !== null)
        .reduce<readonly [ChoiceOption | undefined, number]>((best, m) => (m[1] > best[1] ? m : best), [undefined, -1]);
      if (box && option) {
        form.push(box.rest.slice(0, end));
        if (box.ticked && !answer.selected.includes(option.value)) answer.selected.push(option.value);
        const words = box.rest.slice(end).replace(/^\s*[:：]\s*/, '').trim();
        if (words) answer.specified[option.value] = words;
        open = option.specify ? option.value : undefined;
      } else if (open !== undefined && !box) {
        // The words of an option to specify may go on over the next lines.
        answer.specified[open] = [answer.specified[open], line.text.trim()].filter(Boolean).join('\n');
      } else unplaced.push(line);
    }
    return { answer, form, unplaced };
  },
});

/** The consent given in a publication-consent answer: yes, no, or not answered (nothing, or something else). */
export function consentOf(answer: ChoiceAnswer | undefined): 'yes' | 'no' | 'unanswered' {
  const [value, ...rest] = answer?.selected ?? [];
  return rest.length === 0 && (value === 'yes' || value === 'no') ? value : 'unanswered';
}
