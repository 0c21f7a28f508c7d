// The one validation of a response in the item model. Each kind checks its own answers
// (kinds/*.ts); here: answers to items the form does not have, answers of the wrong kind, and the
// footnotes, which are numbered across the whole response.
//   error   — the response contradicts itself or the form: a save is refused;
//   warning — something the form asks for is missing or looks like a slip: the respondent is told.
import { checkContext, type Finding } from './kind.ts';
import { answeredItems, itemName, type Questionnaire } from './questionnaire.ts';
import { kindOf } from './registry.ts';
import type { ItemResponse } from './response.ts';

export interface ValidateOptions {
  /** The language messages quote the form's texts in; the template's default language otherwise. */
  lang?: string;
}

/** Every finding on `response`, in the order of the form, then the footnotes. */
export function validate(template: Questionnaire, response: ItemResponse, options: ValidateOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const lang = options.lang ?? template.language;
  const items = answeredItems(template);
  const citations: { item: string; name: string; footnote: number; paragraphIndex: number }[] = [];

  for (const placed of items) {
    const { item } = placed;
    const kind = kindOf(item);
    const name = itemName(placed);
    const answer = response.answers[item.key];
    if (answer && answer.kind !== item.kind) {
      findings.push({ severity: 'error', code: 'wrong-kind', item: item.key, message: `The answer to ${name} is a ${answer.kind} answer, but ${name} is a ${item.kind} question.` });
      continue;
    }
    findings.push(...kind.check(item, answer, checkContext(name, lang, template.language, template.respondentType)));
    if (answer && kind.citations) citations.push(...kind.citations(answer).map((c) => ({ ...c, item: item.key, name })));
  }

  const known = new Set(items.map((w) => w.item.key));
  for (const key of Object.keys(response.answers)) {
    if (!known.has(key)) {
      findings.push({ severity: 'error', code: 'unknown-item', item: key, message: `There is an answer to "${key}", which this questionnaire does not ask.` });
    }
  }
  return [...findings, ...checkFootnotes(response, citations)];
}

/** The findings that refuse a save. */
export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

function checkFootnotes(response: ItemResponse, citations: { item: string; name: string; footnote: number; paragraphIndex: number }[]): Finding[] {
  const findings: Finding[] = [];
  const defined = new Set<number>();
  for (const f of response.footnotes) {
    if (defined.has(f.number)) findings.push({ severity: 'error', code: 'duplicate-footnote', footnote: f.number, message: `There are two footnotes numbered ${f.number}.` });
    defined.add(f.number);
  }
  const cited = new Set<number>();
  for (const c of citations) {
    cited.add(c.footnote);
    if (!defined.has(c.footnote)) {
      findings.push({
        severity: 'error',
        code: 'marker-without-footnote',
        item: c.item,
        paragraphIndex: c.paragraphIndex,
        footnote: c.footnote,
        message: `Paragraph ${c.paragraphIndex + 1} of ${c.name} cites footnote ${c.footnote}, but there is no footnote ${c.footnote}.`,
      });
    }
  }
  for (const n of [...defined].sort((a, b) => a - b)) {
    if (!cited.has(n)) findings.push({ severity: 'warning', code: 'footnote-never-cited', footnote: n, message: `Footnote ${n} is never cited in the text.` });
  }
  return findings;
}
