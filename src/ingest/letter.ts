// What a reply sent as a message (an e-mail, a covering letter) wraps around its answers: the
// message's headers, a greeting, a closing with the signature under it, and a list of references
// ("References", then "[1] …", "[2] …") that the answers cite with "[n]" markers. Headers, greeting
// and signature are furniture: left out of the response, listed for the reviewer. The references
// are the response's footnotes. Found over the whole document before the walk, on the lines' text only.
import type { Line } from './lines.ts';

const HEADER = /^(?:from|to|cc|bcc|subject|date|sent|reply-to|message-id|de|à|a|objet|envoyé|от|кому|копия|тема|дата|para|asunto|enviado)[ \t]*:/iu;
const GREETING = /^(?:dear\b|hello\b|hi\b|good (?:morning|afternoon)|to whom it may concern|your excellency|excellenc|madam|sir\b|colleagues\b|bonjour|madame|monsieur|cher|chère|chers|уважаем|здравствуйте|estimad|señor)/iu;
const SIGN_OFF = /^(?:with |and )?(?:(?:kind|best|warm|warmest|sincere) )?(?:regards|wishes)|^yours(?: sincerely| faithfully| truly)?|^sincerely(?: yours)?|^with (?:many )?thanks|^(?:bien )?cordialement|^salutations|^veuillez agréer|^с уважением|^atentamente|^saludos/iu;
const REFERENCES = /^(?:references|reference list|notes|endnotes|footnotes|sources|bibliography|références|notes de fin|примечания|ссылки|источники|список литературы|referencias|notas|参考文献|المراجع)[ \t]*:?$/iu;
/** "[3] Source …", "3. Source …", "3) Source …": an entry of a references list. */
export const REFERENCE_ENTRY = /^(?:\[(\d{1,3})\]|(\d{1,3})[.)])[ \t]+(?=\S)/;

export interface MessageParts {
  /** Lines (indices in the text lines) that are furniture, with what each was taken for. */
  furniture: Map<number, string>;
  /** The line that heads the references list. */
  referencesHeading: number | null;
  /** The entries of the references list: number and lines (indices). */
  references: { number: number; lines: number[] }[];
}

export function messageParts(lines: readonly Line[]): MessageParts {
  const furniture = new Map<number, string>();
  // Headers: the message's first lines, "Name: value" with a header's name, two or more of them.
  let i = 0;
  while (i < lines.length && lines[i]!.gapBefore === 0 && (HEADER.test(lines[i]!.text) || (i > 0 && lines[i]!.indented))) i++;
  if (i >= 2 && HEADER.test(lines[0]!.text)) for (let j = 0; j < i; j++) furniture.set(j, 'message header');
  else i = 0;
  // A greeting: a short line of its own near the start.
  for (let j = i; j < Math.min(lines.length, i + 3); j++) {
    const l = lines[j]!;
    if (GREETING.test(l.text) && l.text.length <= 60 && !/[.?!]$/.test(l.text) && (lines[j + 1]?.gapBefore ?? 1) > 0) {
      furniture.set(j, 'greeting');
      break;
    }
  }
  const references = referencesList(lines);
  const end = references.heading ?? lines.length;
  // The closing ("Kind regards,") and the signature under it: short lines, up to the references or the end.
  for (let j = end - 1; j >= Math.max(0, end - 12); j--) {
    const l = lines[j]!;
    if (!(SIGN_OFF.test(l.text) && l.text.length <= 40 && l.gapBefore > 0)) continue;
    const block = [j];
    for (let k = j + 1; k < end && lines[k]!.text.length <= 80 && !/[.;]$/.test(lines[k]!.text); k++) block.push(k);
    if (block.at(-1) !== end - 1) continue;
    for (const k of block) furniture.set(k, 'signature');
    break;
  }
  return { furniture, referencesHeading: references.heading, references: references.entries };
}

/**
 * A references list at the end: its heading, then entries numbered from 1 in order, each entry
 * running over the lines after it (a source wrapped, its link) until the next entry or a blank line.
 */
function referencesList(lines: readonly Line[]): { heading: number | null; entries: MessageParts['references'] } {
  for (let h = lines.length - 2; h >= Math.floor(lines.length / 3); h--) {
    if (!REFERENCES.test(lines[h]!.text)) continue;
    const entries: MessageParts['references'] = [];
    let ok = true;
    for (let k = h + 1; k < lines.length && ok; k++) {
      const m = REFERENCE_ENTRY.exec(lines[k]!.text);
      const n = m ? Number(m[1] ?? m[2]) : undefined;
      if (n !== undefined && n === (entries.at(-1)?.number ?? 0) + 1) entries.push({ number: n, lines: [k] });
      else if (entries.length && lines[k]!.gapBefore <= 1 && n === undefined) entries.at(-1)!.lines.push(k);
      else ok = false;
    }
    if (ok && entries.length) return { heading: h, entries };
  }
  return { heading: null, entries: [] };
}
