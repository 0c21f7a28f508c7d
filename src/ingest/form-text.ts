// The template's own words, ready to be recognised in a document: headings, cluster titles,
// question prompts, labels, instructions. Everything here comes from the template's data, so a
// secretariat's own questionnaire is recognised the same way as the built-in one.
import type { Template, TemplateCluster } from '../domain/template.ts';
import { align, tokenize, words, type Token } from './tokens.ts';

export type ElementKind = 'clusterHeading' | 'clusterTitle' | 'question' | 'principlesPrompt' | 'openHeading' | 'closing';

/** A piece of form text that marks a place in the form: where it is found, what follows is known. */
export interface FormElement {
  kind: ElementKind;
  /** Position in the list of elements, which is the order of the form. */
  order: number;
  words: string[];
  /** The label printed before the text, in lower case ("a", "6"; a cluster's number). */
  label?: string;
  /** The question this element asks (questions and the principles prompt). */
  question?: string;
  cluster?: TemplateCluster;
}

/** What part of a line some form text took, in words of the line (after its label, if any). */
export interface FormMatch {
  /** Character offset in the line where the form text ends; after it, the line holds an answer. */
  end: number;
  /** Words of the element consumed so far. */
  elementEnd: number;
  /** The element is complete: nothing of it is left to find on the next lines. */
  complete: boolean;
}

/** "a. ", "(b) ", "6. ", "1a) ": the label before a prompt or a numbered item. */
const LABEL = /^(?:\(?([0-9]{1,2}[a-z]?|[a-z])[.)]|\(([0-9]{1,2}[a-z]?|[a-z])\))[ \t]+(?=\S)/i;
const SEPARATOR = '\u0000';

export class FormText {
  readonly elements: FormElement[] = [];
  /** The front matter (title, mandate, instructions …) as one stream of words, with separators between pieces. */
  private readonly front: string[] = [];
  private readonly frontIndex = new Map<string, number[]>();
  /** The words of the principles table's column labels. */
  private readonly headerWords = new Set<string>();
  /** Links and e-mail addresses printed in the form, lower case. */
  readonly links = new Set<string>();
  /** Elements' first two words, or second and third: a line must begin with such a pair to start an element. */
  private readonly openers = new Set<string>();

  constructor(readonly template: Template) {
    const t = template;
    const meeting = t.meeting ? [t.meeting.name, [t.meeting.place, t.meeting.dates].filter(Boolean).join(' ')] : [];
    const frontTexts = [t.title, t.subtitle, ...meeting, ...t.mandate, t.contactIntro, t.returnInstructions, t.consent?.prompt, t.instructionsHeading, ...t.instructions];
    for (const text of frontTexts) if (text) addStream(this.front, this.frontIndex, text);
    const pq = t.principlesQuestion;
    for (const text of [pq?.integratedLabel, pq?.explanationLabel]) for (const w of words(text ?? '')) this.headerWords.add(w);

    const add = (e: Omit<FormElement, 'order' | 'words'>, text: string | undefined) => {
      if (!text) return;
      const w = words(stripLabel(text, e.label));
      if (w.length) this.elements.push({ ...e, order: this.elements.length, words: w });
    };
    for (const c of t.clusters) {
      add({ kind: 'clusterHeading', cluster: c }, c.heading);
      add({ kind: 'clusterTitle', cluster: c, label: String(c.number) }, c.title);
      for (const q of c.questions) add({ kind: 'question', question: q.key, label: (q.label ?? q.key).toLowerCase(), cluster: c }, q.prompt);
    }
    if (pq) add({ kind: 'principlesPrompt', question: pq.key, label: pq.key.toLowerCase() }, pq.prompt);
    add({ kind: 'openHeading' }, t.openQuestionsHeading);
    for (const q of t.openQuestions) add({ kind: 'question', question: q.key, label: (q.label ?? q.key).toLowerCase() }, q.prompt);
    add({ kind: 'closing' }, t.closing);
    for (const e of this.elements) {
      const [a, b, c] = e.words;
      this.openers.add(b === undefined ? a! : `${a} ${b}`);
      if (c !== undefined) this.openers.add(`${b} ${c}`);
    }

    const printed = [...frontTexts, ...t.clusters.flatMap((c) => [c.heading, ...c.questions.map((q) => q.prompt)]), pq?.prompt, ...t.openQuestions.map((q) => q.prompt), t.closing];
    for (const text of printed) {
      for (const m of (text ?? '').matchAll(/(?:https?:\/\/|www\.)[^\s)"”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) {
        this.links.add(m[0].replace(/[.,;:]+$/, '').toLowerCase());
      }
    }
  }

  /**
   * The first element after `after` (an element's order, -1 for the start) whose text begins
   * this line. The nearest one wins, so the same prompt repeated in every cluster is found in turn.
   */
  startOf(line: string, after: number): { element: FormElement; match: FormMatch } | null {
    const label = LABEL.exec(line);
    const lineLabel = label ? (label[1] ?? label[2])!.toLowerCase() : undefined;
    const body = label ? line.slice(label[0].length) : line;
    // Most lines begin with no element's first words: skip them before reading all their words.
    const [w0, w1, w2] = firstWords(body);
    if (!this.openers.has(`${w0} ${w1}`) && !this.openers.has(`${w1} ${w2}`) && !this.openers.has(`${w0}`)) return null;
    const offset = line.length - body.length;
    const toks = tokenize(body);
    if (toks.length === 0) return null;
    const w = toks.map((t) => t.norm);
    for (let i = after + 1; i < this.elements.length; i++) {
      const e = this.elements[i]!;
      if (lineLabel !== undefined && e.label !== undefined && lineLabel !== e.label) continue;
      // The line begins where the text begins (one word more or less at the start is forgiven).
      if (w[0] !== e.words[0] && w[0] !== e.words[1] && w[1] !== e.words[0]) continue;
      const a = align(w, 0, e.words, 0);
      const needed = Math.min(4, e.words.length);
      if (a.matched < needed || a.matched < 0.75 * a.aEnd) continue;
      // The line goes on with other words while the prompt is not finished: not this prompt.
      if (a.aEnd < w.length && a.bEnd < e.words.length - 1) continue;
      return { element: e, match: this.matchOf(toks, a.aEnd, a.bEnd, e, offset, body) };
    }
    return null;
  }

  /** How much of this line continues `element` from word `from`; null if it does not. */
  continues(line: string, element: FormElement, from: number): FormMatch | null {
    const toks = tokenize(line);
    if (toks.length === 0) return null;
    const a = align(
      toks.map((t) => t.norm),
      0,
      element.words,
      from,
    );
    // A line that is only the next word or two of the prompt ("adoption", "documents,") is the
    // prompt wrapped on a narrower page; otherwise two words must match, most of what was read.
    const wholeLine = a.matched === toks.length && toks[0]!.norm === element.words[from];
    if (!wholeLine && (a.matched < Math.min(2, element.words.length - from) || a.matched < 0.6 * a.aEnd)) return null;
    return this.matchOf(toks, a.aEnd, a.bEnd, element, 0, line);
  }

  private matchOf(toks: Token[], aEnd: number, bEnd: number, e: FormElement, offset: number, body: string): FormMatch {
    const complete = bEnd >= e.words.length;
    let end = toks[aEnd - 1]!.end;
    // Punctuation that closes the prompt ("objectives.", "2018).", "?") belongs to it.
    const close = /^[\s.,;:!?)\]"'\u201d\u2019-]*/.exec(body.slice(end))![0];
    end += aEnd === toks.length ? body.length - end : close.trimEnd().length;
    return { end: offset + end, elementEnd: bEnd, complete };
  }

  /** Where in this line the front matter's words are found (the matched span), if they cover most of it. */
  frontSpan(line: string): { start: number; end: number } | null {
    return spanIn(line, this.front, this.frontIndex, 0.7);
  }

  /**
   * A line of the principles table's header: most of its words are the column labels' ("Principle
   * has been integrated", "Explanation …"), in any order, since a PDF interleaves the columns.
   */
  isTableHeader(line: string): boolean {
    const w = words(line);
    return w.length > 0 && w.filter((x) => this.headerWords.has(x)).length >= 0.6 * w.length;
  }

  /** A link or e-mail address that the form itself prints (PDFs repeat them as link lines). */
  printsLink(link: string): boolean {
    const l = link.replace(/^mailto:/i, '').replace(/[.,;:]+$/, '').toLowerCase();
    return this.links.has(l) || this.links.has(l.replace(/\/$/, '')) || this.links.has(`${l}/`);
  }
}

/** An objectives line ("GCM Objectives: 2, 5, 6, 12, 18"): a few words, then the cluster's numbers from `from` on. */
export function objectivesIn(line: string, objectives: readonly number[], from: number): number {
  const toks = tokenize(line);
  const first = toks.findIndex((t) => /^\d+$/.test(t.norm));
  if (first < 0 || first > 4) return 0;
  const nums = toks.slice(first);
  if (!nums.every((t) => /^\d+$/.test(t.norm))) return 0;
  for (let i = 0; i < nums.length; i++) if (Number(nums[i]!.norm) !== objectives[from + i]) return 0;
  return nums.length;
}

const FIRST_WORDS = /[\p{L}\p{N}]+/gu;

/** The first three words of a text, as the matcher compares them. */
function firstWords(text: string): (string | undefined)[] {
  FIRST_WORDS.lastIndex = 0;
  const out: (string | undefined)[] = [];
  for (let i = 0; i < 3; i++) {
    const m = FIRST_WORDS.exec(text);
    if (!m) break;
    out.push(m[0].normalize('NFKC').toLowerCase());
  }
  return out;
}

function stripLabel(text: string, label: string | undefined): string {
  const m = LABEL.exec(text);
  return m && label !== undefined && (m[1] ?? m[2])!.toLowerCase() === label ? text.slice(m[0].length) : text;
}

function addStream(stream: string[], index: Map<string, number[]>, text: string): void {
  for (const w of words(text)) {
    const at = index.get(w);
    if (at) at.push(stream.length);
    else index.set(w, [stream.length]);
    stream.push(w);
  }
  stream.push(SEPARATOR);
}

/** The best place of this line's words in a stream of form text; null if they cover less than `share` of the line. */
function spanIn(line: string, stream: string[], index: Map<string, number[]>, share: number): { start: number; end: number } | null {
  const toks = tokenize(line);
  if (toks.length === 0) return null;
  const w = toks.map((t) => t.norm);
  let best = { matched: 0, s: 0, aEnd: 0 };
  // Start from each of the first three words (a line may begin with a word the form lacks, a page number).
  for (let s = 0; s < Math.min(3, w.length); s++) {
    const at = index.get(w[s]!);
    if (!at) continue;
    for (const p of at.length > 64 ? at.slice(0, 64) : at) {
      const a = align(w, s, stream, p, 1);
      if (a.matched > best.matched) best = { matched: a.matched, s, aEnd: a.aEnd };
    }
    if (best.matched === w.length - s) break;
  }
  if (best.matched === 0 || best.matched < share * w.length || (w.length >= 3 && best.matched < 2)) return null;
  // Brackets, quotes and stops around the words go with them ("(OP48),", "“implementing").
  const start = toks[best.s]!.start - /[\s("'\u201c\u2018[]*$/.exec(line.slice(0, toks[best.s]!.start))![0].length;
  const end = toks[best.aEnd - 1]!.end;
  return { start, end: end + /^[\s.,;:!?)\]"'\u201d\u2019-]*/.exec(line.slice(end))![0].length };
}
