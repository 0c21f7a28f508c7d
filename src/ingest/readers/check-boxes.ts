// Check boxes and bullets drawn with symbol fonts (Wingdings, Wingdings 2, Symbol) carry no
// meaning in Unicode: Word stores "þ" or U+F0FE and the font turns it into a ticked box. Readers
// translate them to the two characters the mapper knows, ☐ (empty) and ☒ (ticked).
export const EMPTY_BOX = '\u2610';
export const TICKED_BOX = '\u2612';

const byFont: Record<string, Record<number, string>> = {
  wingdings: {
    0xa8: EMPTY_BOX, // ballot box
    0x6f: EMPTY_BOX, // hollow square
    0x71: EMPTY_BOX, // shadowed box
    0x72: EMPTY_BOX,
    0xfe: TICKED_BOX, // box with a check mark
    0xfd: TICKED_BOX, // box with an X
    0x78: TICKED_BOX, // X in a box
    0xfc: '\u2713', // check mark alone
    0xfb: '\u2717',
    0x9f: '\u2022',
    0xa7: '\u25aa',
    0xd8: '\u27a2',
    0x76: '\u2756',
  },
  'wingdings 2': {
    0xa3: EMPTY_BOX,
    0x2a: EMPTY_BOX,
    0x52: TICKED_BOX,
    0x53: TICKED_BOX,
    0x54: TICKED_BOX,
    0x50: '\u2713',
    0x4f: '\u2717',
  },
  symbol: { 0xb7: '\u2022', 0xa8: '\u2666', 0xd6: '\u221a' },
};

const unicodeBoxes: Record<string, string> = {
  '\u2611': TICKED_BOX, // ☑
  '\u22a0': TICKED_BOX, // ⊠
  '\u2327': TICKED_BOX, // ⌧
  '\u25a1': EMPTY_BOX, // □ written as a box
};

/** True for the fonts whose characters are pictures rather than letters. */
export function isSymbolFont(font: string | undefined): boolean {
  return font !== undefined && normalise(font) in byFont;
}

/**
 * The Unicode text of one character in a symbol font. Word writes such characters either as the
 * code (0xFE) or shifted into the private use area (0xF0FE). Unknown symbols are kept as they are.
 */
export function symbolText(font: string, code: number): string {
  const table = byFont[normalise(font)];
  const c = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  return table?.[c] ?? String.fromCodePoint(code);
}

/** Maps every character of a run set in a symbol font. */
export function symbolFontText(font: string, text: string): string {
  let out = '';
  for (const ch of text) out += symbolText(font, ch.codePointAt(0)!);
  return out;
}

/** Normalises Unicode box variants (☑, ⊠) to ☒ and □ to ☐ in ordinary text. */
export function normaliseBoxes(text: string): string {
  return /[\u2611\u22a0\u2327\u25a1]/.test(text) ? text.replace(/[\u2611\u22a0\u2327\u25a1]/g, (c) => unicodeBoxes[c]!) : text;
}

/** "Wingdings", "ABCDEF+Wingdings-Regular", "Wingdings2" → the table's key; OpenSymbol is a Unicode font. */
function normalise(font: string): string {
  const f = font.trim().toLowerCase().replace(/^[a-z]{6}\+/, '');
  if (f.includes('wingdings')) return /wingdings[\s-]*2/.test(f) ? 'wingdings 2' : 'wingdings';
  if (/^symbol(\b|mt|$)/.test(f)) return 'symbol';
  return f;
}

/**
 * A private-use character whose font is unknown (PDF text): the usual Wingdings boxes and the
 * Symbol bullet are recognised; anything else is kept.
 */
export function privateUseGlyph(code: number): string {
  const c = code - 0xf000;
  if (c === 0xb7) return '\u2022';
  const box = byFont.wingdings![c];
  return box === EMPTY_BOX || box === TICKED_BOX ? box : String.fromCharCode(code);
}
