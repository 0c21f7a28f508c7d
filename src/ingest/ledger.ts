// Where every character of the document went: into the response, recognised as the form's own
// text, or left over. Counting characters other than white space makes the sums independent of
// how lines were joined.
import { inkCount } from './tokens.ts';
import type { ImportAccounting } from './types.ts';

export class Ledger {
  private placed = 0;
  private form = 0;
  private left = 0;
  private furnished = 0;
  readonly unplaced: { line: number; text: string }[] = [];
  readonly furniture: { line: number; text: string; what: string }[] = [];

  constructor(private readonly charsIn: number) {}

  /** Text that went into the response. */
  place(text: string): void {
    this.placed += inkCount(text);
  }

  /** The form's own text, recognised and not taken as an answer. */
  template(text: string): void {
    this.form += inkCount(text);
  }

  /**
   * The page's or the message's furniture (an e-mail's headers, a greeting, a signature): not the
   * State's answer and not the form's text, counted with the form's and listed for the reviewer.
   */
  furnish(line: number, text: string, what: string): void {
    const t = text.replace(/[ \t]+/g, ' ').trim();
    if (t === '') return;
    this.form += inkCount(t);
    this.furnished += inkCount(t);
    const last = this.furniture.at(-1);
    if (last && last.what === what && last.line === line) last.text += ` ${t}`;
    else this.furniture.push({ line, text: t, what });
  }

  /** Text that belongs nowhere; kept for the person who checks the import. */
  leave(line: number, text: string): void {
    const t = text.replace(/[ \t]+/g, ' ').trim();
    if (t === '') return;
    this.left += inkCount(t);
    const last = this.unplaced.at(-1);
    if (last && last.line === line) last.text += ` ${t}`;
    else this.unplaced.push({ line, text: t });
  }

  /** What is left of a line of form text: lone punctuation goes with the form, anything else is left over. */
  leftover(line: number, text: string): void {
    if (/[\p{L}\p{N}]/u.test(text)) this.leave(line, text);
    else this.template(text);
  }

  /** The sums; `charsFurniture` only when there was furniture (a report's keys stay as they were for forms). */
  accounting(): ImportAccounting {
    const sums = { charsIn: this.charsIn, charsPlaced: this.placed, charsTemplate: this.form, charsUnplaced: this.left };
    return this.furnished ? { ...sums, charsFurniture: this.furnished } : sums;
  }
}
