// A question found by its label rather than its prompt: States that leave the printed prompts out
// write "1a.", "1(a)", "Question 1a:", "Q.1 (a) Migration levels and trends", "Cluster 2: …" or,
// under a cluster, "(b)" on a line of its own. The label says which of the template's places
// begins; the words after it (the State's own title for the question) are heading text, never answer.
import type { FormElement, FormText } from './form-text.ts';

export interface ParsedLabel {
  /** "question", "cluster", … the word before the label, lower case; empty when there is none. */
  word: string;
  number?: number;
  letter?: string;
  /** What follows the label on the line (a title, in a heading); empty for a label alone. */
  rest: string;
  /** Where the rest begins in the line. */
  restStart: number;
}

/** Words that introduce a label, in the languages States answer in. */
const QUESTION_WORDS = /^(?:question|q|qn|pregunta|вопрос|cuestión|问题|سؤال)$/iu;
const CLUSTER_WORDS = /^(?:cluster|groupe|grupo|кластер|группа|part|partie|section|round ?table)$/iu;
const INTRO = /^([\p{L}][\p{L} ]{0,14}?)\.?[ \t]*(?:(?:no|n°|№)\.?[ \t]*)?(?=[\d(])/iu;
const NUMBER = /^(\d{1,2})(?![\d,])/;
const LETTER_AFTER_NUMBER = /^(?:[ \t]*\.?[ \t]*\(([a-z])\)|\.?([a-z])(?![\p{L}\p{N}]))/iu;
const LETTER_ALONE = /^(?:\(([a-z])\)|([a-z])[.)])/iu;
const CLOSE = /^[.)]*[ \t]*(?:[:：.\-–—][ \t]*)?/u;

/** Reads a label at the start of a line; null when the line does not begin with one. */
export function parseLabel(line: string): ParsedLabel | null {
  let at = 0;
  let word = '';
  const intro = INTRO.exec(line);
  // "Question 6", never "question 6)." at the start of a wrapped line of a sentence.
  const first = intro?.[1]!.charAt(0) ?? '';
  const capital = first !== first.toLowerCase() || first === first.toUpperCase();
  if (intro && capital && (QUESTION_WORDS.test(intro[1]!.trim()) || CLUSTER_WORDS.test(intro[1]!.trim()))) {
    word = intro[1]!.trim().toLowerCase();
    at = intro[0].length;
  }
  let number: number | undefined;
  let letter: string | undefined;
  const n = NUMBER.exec(line.slice(at));
  if (n) {
    number = Number(n[1]);
    at += n[0].length;
    const l = LETTER_AFTER_NUMBER.exec(line.slice(at));
    if (l) {
      letter = (l[1] ?? l[2])!.toLowerCase();
      at += l[0].length;
    }
  } else {
    const l = LETTER_ALONE.exec(line.slice(at));
    if (!l) return null;
    letter = (l[1] ?? l[2])!.toLowerCase();
    at += l[0].length;
  }
  const close = CLOSE.exec(line.slice(at))![0];
  // "1a" must end there: "1a)", "1a.", "1a:" or a space; "12,5" or "1ab" are not labels.
  if (close === '' && at < line.length && !/^[ \t]/.test(line.slice(at))) return null;
  // A number alone ("6") is a page number more often than a label: a label has a word, a letter or a stop.
  if (close === '' && !word && letter === undefined) return null;
  at += close.length;
  const restStart = at + /^[ \t]*/.exec(line.slice(at))![0].length;
  return { word, ...(number !== undefined ? { number } : {}), ...(letter !== undefined ? { letter } : {}), rest: line.slice(restStart).trimEnd(), restStart };
}

/**
 * The place of the form a label line begins, after the element `cursor`. A label alone on its line
 * ("1a.", "(b)") is believed for one of the next few questions only (a paragraph number alone on
 * its line, as PDFs give them, is not a question); a label with a word ("Question 6", "Cluster 2")
 * or in a heading may also carry the State's own title, and may skip ahead.
 */
export function labelledStart(form: FormText, line: string, cursor: number, heading = false): { element: FormElement; label: ParsedLabel } | null {
  const group = heading || RANGE.test(line) ? groupHeading(form, line, cursor) : null;
  if (group) return group;
  const label = parseLabel(line);
  if (!label) return null;
  const worded = label.word !== '';
  if (label.rest !== '' && !worded && !heading) return null;
  if (label.rest !== '' && label.number === undefined && !heading) return null;
  const clusterWord = CLUSTER_WORDS.test(label.word);
  const after = form.elements.slice(cursor + 1);
  const current = form.elements[cursor];
  let element: FormElement | undefined;
  if (label.number !== undefined && label.letter !== undefined && !clusterWord) {
    element = after.find((e) => e.kind === 'question' && e.question?.toLowerCase() === `${label.number}${label.letter}`);
  } else if (label.number !== undefined) {
    const key = String(label.number);
    const asked = after.find((e) => (e.kind === 'question' || e.kind === 'principlesPrompt') && e.question === key);
    const cluster = after.find((e) => e.kind === 'clusterTitle' && e.cluster?.number === label.number);
    element = clusterWord ? cluster : (asked ?? (worded || heading ? cluster : undefined));
  } else if (label.letter !== undefined && !worded) {
    // "(b)" under a cluster: that cluster's question b, the cluster being the one the cursor is in.
    const cluster = current?.cluster;
    element = cluster ? after.find((e) => e.kind === 'question' && e.cluster === cluster && e.label === label.letter) : undefined;
  }
  if (!element) return null;
  if (!worded && !heading && questionsBetween(form, cursor, element.order) > 3) return null;
  return { element, label };
}

/** "Questions 6 to 10", "Questions 6-10:": a heading over a run of questions. */
const RANGE = /^(?:questions|preguntas|вопросы|问题|أسئلة)[ \t]+(\d{1,2})[ \t]*(?:-|–|—|to|à|a|до|al|至)[ \t]*(\d{1,2})(?![\d])[ \t]*[:.]?/iu;

/** The form's heading over the open questions, named by the range of its questions. */
function groupHeading(form: FormText, line: string, cursor: number): { element: FormElement; label: ParsedLabel } | null {
  const m = RANGE.exec(line);
  if (!m) return null;
  const open = form.elements.find((e) => e.kind === 'openHeading' && e.order > cursor);
  const asked = form.elements.filter((e) => e.kind === 'question' && e.cluster === undefined).map((e) => e.question);
  if (!open || asked[0] !== m[1] || asked.at(-1) !== m[2]) return null;
  return { element: open, label: { word: 'questions', rest: line.slice(m[0].length).trim(), restStart: m[0].length } };
}

/** How many questions (and the principles) lie between two places of the form. */
function questionsBetween(form: FormText, from: number, to: number): number {
  return form.elements.slice(from + 1, to).filter((e) => e.kind === 'question' || e.kind === 'principlesPrompt').length;
}
