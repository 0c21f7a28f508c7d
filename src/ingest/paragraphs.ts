// Answer text, line by line, into paragraphs: "12. " starts paragraph 12 (numbers run on in
// sequence across questions), "A. " starts a lettered item, "• " adds a list line to the current
// paragraph, "Answer:" before an answer is the form's, and a wrapped line goes on with its paragraph
// across blank lines, page breaks and footnote blocks.
import { BULLET, endsSentence, joinPieces, type Layout, type Line } from './lines.ts';

export interface DraftParagraph {
  number: number | null;
  label?: string;
  pieces: { text: string; bullet: boolean }[];
  /** Line numbers (1-based) the paragraph was read from. */
  lines: number[];
}

export interface DraftAnswer {
  question: string;
  paragraphs: DraftParagraph[];
}

export interface BodyContext {
  layout: Layout;
  /** The highest paragraph number read, across the whole document (since the numbering last started again). */
  lastNumber: number;
  /** The paragraph numbers read since the numbering last started (made here on the first one). */
  numbers?: Set<number>;
}

const NUMBERED = /^(\d{1,3})[.)][ \t]+(?=\S)/;
const LONE_NUMBER = /^(\d{1,3})[.)]$/;
const LETTERED = /^([A-Z])[.)][ \t]+(?=\S)/;
/** How far a paragraph number may be from the highest one read before it. */
const NUMBER_WINDOW = 5;
/** "Answer:" before an answer, in the UN languages States answer in. */
const ANSWER_PREFIX = /^(?:answer|response|reply|réponse|respuesta|ответ|答复|回答|الإجابة|الجواب|الرد)[ \t]*[:：][ \t]*/iu;

/**
 * Adds one line (or the rest of a line after a prompt) to an answer. `pageBreak` says that only
 * footnotes or repeated links stood between this line and the answer's previous line.
 * Returns the text that is the form's rather than the answer's ("Answer:"), for the accounting.
 */
export function addBodyLine(ctx: BodyContext, answer: DraftAnswer, text: string, line: Line, pageBreak: boolean): string {
  let formText = '';
  if (answer.paragraphs.length === 0) {
    const prefix = ANSWER_PREFIX.exec(text);
    if (prefix) {
      formText = prefix[0];
      text = text.slice(prefix[0].length);
      if (text === '') return formText;
    }
  }
  const current = answer.paragraphs.at(-1);
  const start = (p: Omit<DraftParagraph, 'lines'>) => answer.paragraphs.push({ ...p, lines: [line.no] });

  // "12." alone on its line, its text after a blank line (pdftotext): the number waits for its text.
  if (current && current.pieces.length === 0) {
    const prefix = ANSWER_PREFIX.exec(text)?.[0] ?? '';
    current.pieces.push({ text: text.slice(prefix.length), bullet: false });
    current.lines.push(line.no);
    return formText + prefix;
  }
  const numbered = NUMBERED.exec(text) ?? LONE_NUMBER.exec(text);
  if (numbered) {
    const n = Number(numbered[1]);
    const place = numberPlace(ctx, answer, n);
    if (place) {
      if (place === 'restart') ctx.numbers?.clear();
      (ctx.numbers ??= new Set()).add(n);
      if (place !== 'before') ctx.lastNumber = n;
      // "18. Answer: …": the form's label after the paragraph's number is the form's too.
      const body = text.slice(numbered[0].length);
      const prefix = ANSWER_PREFIX.exec(body)?.[0] ?? '';
      start({ number: n, pieces: body === '' ? [] : [{ text: body.slice(prefix.length), bullet: false }] });
      return formText + prefix;
    }
  }
  const lettered = LETTERED.exec(text);
  if (lettered && lettered[1] === nextLetter(answer)) {
    start({ number: null, label: lettered[1], pieces: [{ text: text.slice(lettered[0].length), bullet: false }] });
    return formText;
  }
  const bullet = BULLET.test(text);
  if (current && (bullet || continues(ctx.layout, current, line, pageBreak))) {
    current.pieces.push({ text, bullet });
    current.lines.push(line.no);
  } else {
    start({ number: null, pieces: [{ text, bullet }] });
  }
  return formText;
}

/**
 * Does "n. " start paragraph n, and where does n stand? The numbers run on across questions, so a
 * number is one when it comes a little after the highest so far, or is a 1 that starts the
 * numbering again in an answer; or when it comes a little before the highest and was not read yet:
 * paragraphs swapped or moved in a response keep their numbers ("14." then "13."), and an export
 * writes them in that order.
 */
function numberPlace(ctx: BodyContext, answer: DraftAnswer, n: number): 'after' | 'restart' | 'before' | undefined {
  if (n > ctx.lastNumber) return n <= ctx.lastNumber + NUMBER_WINDOW ? 'after' : undefined;
  if (n === 1 && !answer.paragraphs.some((p) => p.number !== null)) return 'restart';
  return n >= ctx.lastNumber - NUMBER_WINDOW && !ctx.numbers?.has(n) ? 'before' : undefined;
}

/** Does this line go on with the paragraph before it? */
function continues(layout: Layout, p: DraftParagraph, line: Line, pageBreak: boolean): boolean {
  if (!layout.wrapped) return false;
  if (pageBreak) return true;
  const last = p.pieces.at(-1)!;
  // A blank line ends a list, whose items seldom end with a full stop.
  if (line.gapBefore > layout.typicalGap && p.pieces.some((x) => x.bullet)) return false;
  if (!endsSentence(last.text)) return true;
  if (line.gapBefore > layout.typicalGap) return false;
  // Single-spaced wrapped text: a short line that ends a sentence ends its paragraph.
  return !(layout.typicalGap === 0 && last.text.length < 0.7 * layout.width);
}

function nextLetter(answer: DraftAnswer): string {
  const last = answer.paragraphs.findLast((p) => p.label !== undefined)?.label;
  return last ? String.fromCharCode(last.charCodeAt(0) + 1) : 'A';
}

/** The paragraph's text: wrapped pieces joined, list lines kept as lines. */
export function paragraphText(p: DraftParagraph): string {
  let out = '';
  for (const piece of p.pieces) {
    const t = piece.text.replace(/[ \t]+/g, ' ').trim();
    out = piece.bullet && out !== '' ? `${out}\n${t}` : joinPieces(out, t);
  }
  return out;
}
