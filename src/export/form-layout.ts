// The questionnaire laid out as the paper form is: a list of blocks that the DOCX and text
// writers render. One layout for both keeps the exports alike and lets the importer read them back
// with the same rules it uses for forms filled in offline.
//
// The form, in order: title, subtitle, meeting; mandate; contact block (a two-column table);
// return instructions; consent with ☐/☒ boxes; instructions; per cluster its heading line, its
// number and title, "GCM Objectives: …", then per question "a. prompt" and the answer's paragraphs
// (numbered ones keep their numbers, lettered ones their letters); question 5 and the table of
// principles ("People-centred | ☒=yes ☐=no | explanation"); the open questions, each answered
// after "Answer:"; the closing line.
import type { Paragraph, Response, Tri } from '../domain/response.ts';
import { fillPlaceholders } from '../domain/placeholders.ts';
import type { Question, Template } from '../domain/template.ts';

export const EMPTY_BOX = '\u2610';
export const TICKED_BOX = '\u2612';

/** Text with footnote references at their places. */
export type Run = { text: string } | { footnote: number };

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; runs: Run[] }
  /** A paragraph numbered by the form's automatic numbering ("12."). */
  | { kind: 'numbered'; number: number; runs: Run[] }
  | { kind: 'bullet'; text: string }
  /** Two columns, label and value. */
  | { kind: 'contact'; rows: [string, string][] }
  | { kind: 'consent'; prompt: string; yes: Tri; yesLabel: string; noLabel: string }
  | { kind: 'principles'; header: [string, string, string]; rows: { title: string; integrated: Tri; explanation: string }[] };

/** "☒=yes ☐=no": the boxes of a yes/no question as the form prints them. */
export function yesNoBoxes(value: Tri, yesLabel = 'yes', noLabel = 'no'): string {
  return `${value === 'yes' ? TICKED_BOX : EMPTY_BOX}=${yesLabel} ${value === 'no' ? TICKED_BOX : EMPTY_BOX}=${noLabel}`;
}

/**
 * The form's blocks. A template filled with a cycle's terms (services' cycle template) prints
 * them; one not filled yet prints the words its placeholders carry (a blank form of the template).
 */
export function formLayout(form: Template, response: Response): Block[] {
  const template = fillPlaceholders(form);
  const out: Block[] = [{ kind: 'title', text: template.title }];
  if (template.subtitle) out.push({ kind: 'subtitle', text: template.subtitle });
  const meeting = template.meeting;
  if (meeting?.place || meeting?.dates) out.push({ kind: 'subtitle', text: [meeting.place, meeting.dates && `(${meeting.dates})`].filter(Boolean).join(', ') });
  for (const m of template.mandate) out.push(plain(m));
  if (template.contactIntro) out.push(plain(template.contactIntro));
  // Labels end with a colon, as on the paper form ("Country:").
  out.push({ kind: 'contact', rows: template.contactFields.map((f) => [/:\s*$/.test(f.label) ? f.label : `${f.label}:`, response.contact[f.key] ?? '']) });
  if (template.returnInstructions) out.push(plain(template.returnInstructions));
  if (template.consent) {
    const c = template.consent;
    out.push({ kind: 'consent', prompt: c.prompt, yes: response.consent, yesLabel: c.yesLabel, noLabel: c.noLabel });
  }
  for (const i of template.instructions) out.push({ kind: 'bullet', text: i });
  for (const cluster of template.clusters) {
    if (cluster.heading) out.push(plain(cluster.heading));
    out.push({ kind: 'heading', text: `${cluster.number}. ${cluster.title}` });
    out.push(plain(`GCM Objectives: ${cluster.objectives.join(', ')}`));
    for (const q of cluster.questions) {
      out.push(plain(prompt(q)));
      out.push(...answerBlocks(response, q.key, ''));
    }
  }
  const pq = template.principlesQuestion;
  if (pq && template.principles.length) {
    out.push(plain(`${pq.key}. ${pq.prompt}`));
    out.push({
      kind: 'principles',
      header: ['Guiding principle', `${pq.integratedLabel ?? 'Principle has been integrated'} ${yesNoBoxes('unanswered')}`, pq.explanationLabel ?? 'Explanation'],
      rows: template.principles.map((p) => {
        const a = response.principles.find((x) => x.principle === p.key);
        return { title: p.title, integrated: a?.integrated ?? 'unanswered', explanation: a?.explanation ?? '' };
      }),
    });
  }
  if (template.openQuestions.length && template.openQuestionsHeading) out.push(plain(template.openQuestionsHeading));
  for (const q of template.openQuestions) {
    out.push(plain(prompt(q)));
    out.push(...answerBlocks(response, q.key, 'Answer: '));
  }
  if (template.closing) out.push(plain(template.closing));
  return out;
}

function plain(text: string): Block {
  return { kind: 'text', runs: [{ text }] };
}

/** "a. Please highlight…" for sub-questions, "6. How is…" for open questions. */
function prompt(q: Question): string {
  const label = q.label ?? q.key;
  return label ? `${label}. ${q.prompt}` : q.prompt;
}

/** The paragraphs of one answer; `lead` ("Answer: ") goes before the first, or alone when there is none. */
function answerBlocks(response: Response, question: string, lead: string): Block[] {
  const paragraphs = response.answers.find((a) => a.question === question)?.paragraphs ?? [];
  if (paragraphs.length === 0) return lead ? [plain(lead.trim())] : [];
  return paragraphs.map((p, i) => {
    const runs = paragraphRuns(p);
    const prefix = (i === 0 ? lead : '') + (p.label ? `${p.label}. ` : '');
    if (prefix) runs.unshift({ text: prefix });
    return p.number !== null ? { kind: 'numbered', number: p.number, runs } : { kind: 'text', runs };
  });
}

/** A paragraph's text cut at its footnote anchors (at the end when a paragraph has no anchors). */
export function paragraphRuns(p: Paragraph): Run[] {
  const refs = p.footnotes.map((n, i) => ({ n, at: Math.min(p.anchors?.[i] ?? p.text.length, p.text.length) }));
  refs.sort((a, b) => a.at - b.at);
  const runs: Run[] = [];
  let from = 0;
  for (const r of refs) {
    if (r.at > from) runs.push({ text: p.text.slice(from, r.at) });
    runs.push({ footnote: r.n });
    from = r.at;
  }
  if (from < p.text.length || runs.length === 0) runs.push({ text: p.text.slice(from) });
  return runs;
}

/** The footnotes of a response in number order, for writers that list them at the end. */
export function footnotesInOrder(response: Response): { number: number; text: string; urls: string[] }[] {
  return [...response.footnotes].sort((a, b) => a.number - b.number);
}
