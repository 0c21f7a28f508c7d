// Consistency checks on a response, against the template it answers. Pure: the same findings are
// shown to the State coordinator before submitting and to the secretariat when reading.
//
// This is the one judge of a response: the web pages show its findings, the importer reports
// them, and the services refuse to store a response with an error (checkResponse).
// - error (refused): the response answers something the form does not ask (a question it does
//   not have, question 5 in prose instead of its checklist, a principle it does not list, another
//   template) or answers a question twice: stored, such text would be shown and exported nowhere;
// - warning (stored, pointed out): something the form asks for is missing or looks like a slip
//   (an empty answer or contact field, consent not given either way, a jump in paragraph numbers,
//   a cited footnote that does not exist, a footnote number used twice);
// - info (stored, worth a look): an answer far longer than the form suggests.
import { answerWordCount, type Answer, type Paragraph, type Response } from './response.ts';
import { proseQuestions, type Template } from './template.ts';

export type IssueSeverity = 'error' | 'warning' | 'info';

export interface ResponseIssue {
  severity: IssueSeverity;
  code: IssueCode;
  /** A kind, specific sentence ("Paragraph 72 in 4a cites footnote 19, but there is no footnote 19."). */
  message: string;
  /** The question key the issue is about ("1a", "6"). */
  question?: string;
  /** The paragraph's printed number, when it has one. */
  paragraph?: number;
  /** The paragraph's position in its answer, counted from 0, so that a screen can point at it. */
  paragraphIndex?: number;
  footnote?: number;
  /** The contact field key ("email") or "consent". */
  field?: string;
  /** The guiding principle key ("human-rights"). */
  principle?: string;
}

export const issueCodes = [
  'empty-contact-field',
  'invalid-email',
  'consent-unanswered',
  'missing-answer',
  'duplicate-answer',
  'unknown-question',
  'over-word-guidance',
  'paragraph-number-gap',
  'paragraph-number-repeated',
  'paragraph-number-order',
  'paragraph-numbering-restarts',
  'marker-without-footnote',
  'footnote-never-cited',
  'duplicate-footnote',
  'principle-unanswered',
  'principle-without-explanation',
  'unknown-principle',
  'principles-question-in-prose',
  'other-template',
] as const;
export type IssueCode = (typeof issueCodes)[number];

/** An answer longer than its word guidance by more than this share is pointed out. */
const overGuidanceTolerance = 0.5;

/** What a response may not be stored with (errors), and what is pointed out when it is (warnings and notes). */
export interface ResponseChecks {
  errors: ResponseIssue[];
  warnings: ResponseIssue[];
}

/** The findings on `response` split into what refuses it and what informs. */
export function checkResponse(template: Template, response: Response): ResponseChecks {
  const issues = validateResponse(template, response);
  return { errors: issues.filter((i) => i.severity === 'error'), warnings: issues.filter((i) => i.severity !== 'error') };
}

/** Every finding on `response`, in the order of the form: template, contact, consent, questions, principles, footnotes. */
export function validateResponse(template: Template, response: Response): ResponseIssue[] {
  return [
    ...checkTemplate(template, response),
    ...checkContact(template, response),
    ...checkConsent(template, response),
    ...checkAnswers(template, response),
    ...checkParagraphNumbers(template, response),
    ...checkPrinciples(template, response),
    ...checkFootnotes(template, response),
  ];
}

function checkTemplate(template: Template, response: Response): ResponseIssue[] {
  if (response.templateId === template.id) return [];
  return [
    {
      severity: 'error',
      code: 'other-template',
      message: `The response answers the questionnaire "${response.templateId}", not "${template.id}".`,
    },
  ];
}

function checkContact(template: Template, response: Response): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  const who = template.respondentType === 'state' ? 'the coordinating office' : 'the respondent';
  for (const f of template.contactFields) {
    const value = (response.contact[f.key] ?? '').trim();
    if (value === '') {
      if (f.required) {
        issues.push({ severity: 'warning', code: 'empty-contact-field', field: f.key, message: `The ${f.label.toLowerCase()} of ${who} is empty.` });
      }
    } else if (f.kind === 'email' && !value.split(/[\s,;]+/).every((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))) {
      issues.push({
        severity: 'warning',
        code: 'invalid-email',
        field: f.key,
        message: `The ${f.label.toLowerCase()} of ${who}, "${value}", does not look like an e-mail address.`,
      });
    }
  }
  return issues;
}

function checkConsent(template: Template, response: Response): ResponseIssue[] {
  if (!template.consent || response.consent !== 'unanswered') return [];
  return [
    {
      severity: 'warning',
      code: 'consent-unanswered',
      field: 'consent',
      message: `Consent to share the report is not answered yet: please choose "${template.consent.yesLabel}" or "${template.consent.noLabel}".`,
    },
  ];
}

function checkAnswers(template: Template, response: Response): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  const questions = proseQuestions(template);
  const known = new Set(questions.map((q) => q.key));
  const checklist = template.principlesQuestion?.key;

  const seen = new Set<string>();
  for (const a of response.answers) {
    if (a.question === checklist) {
      // Answered in the checklist: prose under it would be shown, exported and read back nowhere.
      issues.push({
        severity: 'error',
        code: 'principles-question-in-prose',
        question: a.question,
        message: `${capitalised(questionName(a.question))} is answered in the checklist of guiding principles: write the text in the explanation of each principle, not as an answer of its own.`,
      });
    } else if (!known.has(a.question)) {
      issues.push({
        severity: 'error',
        code: 'unknown-question',
        question: a.question,
        message: `There is an answer to ${questionName(a.question)}, which this questionnaire does not ask.`,
      });
    } else if (seen.has(a.question)) {
      issues.push({
        severity: 'error',
        code: 'duplicate-answer',
        question: a.question,
        message: `Question ${a.question} is answered twice; put the paragraphs of both in one answer.`,
      });
    }
    seen.add(a.question);
  }

  for (const q of questions) {
    const answer = mergedAnswer(response, q.key);
    if (!answer || !answer.paragraphs.some((p) => p.text.trim() !== '')) {
      issues.push({ severity: 'warning', code: 'missing-answer', question: q.key, message: `Question ${q.key} has no answer yet.` });
      continue;
    }
    const words = answerWordCount(answer);
    if (q.wordGuidance && words > q.wordGuidance * (1 + overGuidanceTolerance)) {
      issues.push({
        severity: 'info',
        code: 'over-word-guidance',
        question: q.key,
        message: `The answer to ${questionName(q.key)} has ${words} words; the form suggests about ${q.wordGuidance}. A shorter answer, with details in an attachment, may be easier to use in the regional synthesis.`,
      });
    }
  }
  return issues;
}

/** Paragraph numbers run on across questions in the order of the form (1a, 1b, … 4d, 6 …). */
function checkParagraphNumbers(template: Template, response: Response): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  /** The highest number so far, and where it was. */
  let last: NumberSeen | undefined;
  /** Each number used since numbering last started, with the question that used it first. */
  let used = new Map<number, string>();

  for (const q of proseQuestions(template)) {
    const paragraphs = mergedAnswer(response, q.key)?.paragraphs ?? [];
    let firstInQuestion = true;
    for (const [index, p] of paragraphs.entries()) {
      if (p.number === null) continue;
      const here: NumberSeen = { number: p.number, question: q.key };
      const restarts = last !== undefined && here.number === 1 && firstInQuestion && last.number > 1;
      const problem = restarts ? restartIssue(here, last!) : numberIssue(here, last, used);
      if (problem) issues.push({ ...problem, question: q.key, paragraph: here.number, paragraphIndex: index });
      if (restarts) used = new Map();
      if (!used.has(here.number)) used.set(here.number, q.key);
      // A number that goes back is reported once; the paragraphs after it are compared with the highest number so far.
      if (!last || restarts || here.number > last.number) last = here;
      firstInQuestion = false;
    }
  }
  return issues;
}

interface NumberSeen {
  number: number;
  question: string;
}
type NumberIssue = Pick<ResponseIssue, 'severity' | 'code' | 'message'>;

function restartIssue(here: NumberSeen, last: NumberSeen): NumberIssue {
  return {
    severity: 'info',
    code: 'paragraph-numbering-restarts',
    message: `Paragraph numbers start again at 1 in ${questionName(here.question)}; in this form they usually run on from one question to the next (the last number before was ${last.number}, in ${questionName(last.question)}).`,
  };
}

function numberIssue(here: NumberSeen, last: NumberSeen | undefined, used: Map<number, string>): NumberIssue | undefined {
  const { number: n, question } = here;
  const para = `Paragraph ${n} in ${questionName(question)}`;
  const elsewhere = last !== undefined && last.question !== question;
  const firstUse = used.get(n);
  if (firstUse !== undefined) {
    return { severity: 'warning', code: 'paragraph-number-repeated', message: `${para}: the number ${n} is already used in ${questionName(firstUse)}.` };
  }
  if (last && n < last.number) {
    return {
      severity: 'warning',
      code: 'paragraph-number-order',
      message: `${para} comes after paragraph ${last.number}${elsewhere ? ` in ${questionName(last.question)}` : ''}; numbers are expected to rise in the order of the form.`,
    };
  }
  const expected = last ? last.number + 1 : 1;
  if (n <= expected) return undefined;
  const missing = `${range(expected, n - 1)} ${n - expected === 1 ? 'is' : 'are'} missing`;
  return {
    severity: 'warning',
    code: 'paragraph-number-gap',
    message: last
      ? `${para}: the numbers jump from ${last.number}${elsewhere ? ` (in ${questionName(last.question)})` : ''} to ${n}, so ${missing}.`
      : `${para} is the first numbered paragraph, so ${missing}.`,
  };
}

function checkPrinciples(template: Template, response: Response): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  const key = template.principlesQuestion?.key;
  const where = key ? ` (${questionName(key)})` : '';
  const question = key ? { question: key } : {};
  for (const p of template.principles) {
    const answer = response.principles.find((a) => a.principle === p.key);
    if (!answer || answer.integrated === 'unanswered') {
      issues.push({
        severity: 'warning',
        code: 'principle-unanswered',
        principle: p.key,
        ...question,
        message: `The guiding principle "${p.title}"${where} is not marked yes or no.`,
      });
    } else if (answer.explanation.trim() === '') {
      issues.push({
        severity: 'info',
        code: 'principle-without-explanation',
        principle: p.key,
        ...question,
        message: `The guiding principle "${p.title}" is marked ${answer.integrated} without an explanation; the form asks for one.`,
      });
    }
  }
  const known = new Set(template.principles.map((p) => p.key));
  for (const a of response.principles) {
    if (!known.has(a.principle)) {
      issues.push({
        severity: 'error',
        code: 'unknown-principle',
        principle: a.principle,
        message: `There is an answer about "${a.principle}", which is not one of the guiding principles in this questionnaire.`,
      });
    }
  }
  return issues;
}

function checkFootnotes(template: Template, response: Response): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  const defined = new Set<number>();
  for (const f of response.footnotes) {
    if (defined.has(f.number)) {
      issues.push({ severity: 'warning', code: 'duplicate-footnote', footnote: f.number, message: `There are two footnotes numbered ${f.number}.` });
    }
    defined.add(f.number);
  }

  const cited = new Set<number>();
  const order = new Map(proseQuestions(template).map((q, i) => [q.key, i]));
  // Answers in the order of the form, so that messages come in reading order.
  const answers = [...response.answers].sort((a, b) => (order.get(a.question) ?? Infinity) - (order.get(b.question) ?? Infinity));
  for (const a of answers) {
    a.paragraphs.forEach((p, index) => {
      for (const n of p.footnotes) {
        cited.add(n);
        if (!defined.has(n)) {
          issues.push({
            severity: 'warning',
            code: 'marker-without-footnote',
            question: a.question,
            ...(p.number !== null ? { paragraph: p.number } : {}),
            paragraphIndex: index,
            footnote: n,
            message: `${describeParagraph(a, p, index)} cites footnote ${n}, but there is no footnote ${n}.`,
          });
        }
      }
    });
  }
  for (const f of [...defined].sort((x, y) => x - y)) {
    if (!cited.has(f)) {
      issues.push({ severity: 'warning', code: 'footnote-never-cited', footnote: f, message: `Footnote ${f} is never cited in the text.` });
    }
  }
  return issues;
}

/** All paragraphs given for a question, even if (by mistake) the question is answered twice. */
function mergedAnswer(response: Response, key: string): Answer | undefined {
  const answers = response.answers.filter((a) => a.question === key);
  if (answers.length <= 1) return answers[0];
  return { question: key, paragraphs: answers.flatMap((a) => a.paragraphs) };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "1a" for sub-questions, "question 6" for numbered ones: the way the form refers to them. */
function questionName(key: string): string {
  return /^\d+$/.test(key) ? `question ${key}` : key;
}

function describeParagraph(a: Answer, p: Paragraph, index: number): string {
  if (p.number !== null) return `Paragraph ${p.number} in ${questionName(a.question)}`;
  if (p.label) return `Item ${p.label} in ${questionName(a.question)}`;
  return `The ${ordinal(index + 1)} paragraph of ${questionName(a.question)}`;
}

function ordinal(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  if (n <= words.length) return words[n - 1]!;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function range(from: number, to: number): string {
  return from === to ? `${from}` : to === from + 1 ? `${from} and ${to}` : `${from} to ${to}`;
}
