// A choice among options, single or multiple. A choice with the role "publication-consent" is the
// consent to publish: its options are "yes" and "no", and only "yes" lets a submission be published.
import { z } from 'zod';
import { Key, Label, capitalise, defineKind, duplicateKeys, either, textAt, type Finding, type ItemProblem } from '../kind.ts';
import { labelled, yesNoRuns, type Run } from '../layout.ts';
import { Text } from '../text.ts';

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
});

/** The consent given in a publication-consent answer: yes, no, or not answered (nothing, or something else). */
export function consentOf(answer: ChoiceAnswer | undefined): 'yes' | 'no' | 'unanswered' {
  const [value, ...rest] = answer?.selected ?? [];
  return rest.length === 0 && (value === 'yes' || value === 'no') ? value : 'unanswered';
}
