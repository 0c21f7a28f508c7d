// Word's automatic paragraph numbering, rendered as a person sees it ("12.", "b)", "•").
// The numbers are not in the text of a .docx: they come from word/numbering.xml (abstract
// definitions with levels, start values and formats; concrete w:num instances that point at them
// and may override levels) and from paragraph styles that carry numbering. We count as Word does:
// instances of one abstract definition share one counter per level, so a form that numbers its
// answers 1-89 across questions with one list reads back 1-89; an instance that overrides a start
// value (Word's "Restart numbering", LibreOffice's first paragraph of a list) sets the counter to
// that value where it is first used, and the paragraphs after it count on from there.
import { symbolFontText } from './check-boxes.ts';
import { attr, intAttr, isOn, kid, kids, type XmlElement } from './docx-xml.ts';

export interface NumberingLevel {
  start: number;
  format: string;
  /** "%1.", "%1.%2", or a bullet character. */
  text: string;
  /** lvlRestart: the one-based level whose use restarts this one; 0 never restarts; undefined: any higher level. */
  restartAfter?: number;
  isLegal: boolean;
  suffix: 'tab' | 'space' | 'nothing';
  /** A paragraph style linked to this level. */
  style?: string;
}

interface AbstractNum {
  levels: (NumberingLevel | undefined)[];
  /** w:numStyleLink: the levels live in the abstract definition of this numbering style. */
  numStyleLink?: string;
}

interface NumInstance {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: NumberingLevel }>;
}

export interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  /** The heading level the style gives its paragraphs (1 for "heading 1"), by its name or its outline level. */
  heading?: number;
}

export interface Styles {
  byId: Map<string, StyleInfo>;
  defaultParagraph?: string;
}

export function parseStyles(root: XmlElement | undefined): Styles {
  const byId = new Map<string, StyleInfo>();
  let defaultParagraph: string | undefined;
  for (const s of root ? kids(root) : []) {
    if (s.localName !== 'style') continue;
    const id = attr(s, 'styleId');
    if (!id) continue;
    const numPr = kid(kid(s, 'pPr'), 'numPr');
    const named = /^heading\s*([1-9])$/i.exec(attr(kid(s, 'name'), 'val') ?? '') ?? /^heading([1-9])$/i.exec(id);
    const outline = intAttr(kid(kid(s, 'pPr'), 'outlineLvl'));
    byId.set(id, {
      basedOn: attr(kid(s, 'basedOn'), 'val'),
      numId: attr(kid(numPr, 'numId'), 'val'),
      ilvl: intAttr(kid(numPr, 'ilvl')),
      heading: named ? Number(named[1]) : outline !== undefined && outline < 9 ? outline + 1 : undefined,
    });
    if (attr(s, 'type') === 'paragraph' && ['1', 'true', 'on'].includes(attr(s, 'default') ?? '')) defaultParagraph = id;
  }
  return { byId, defaultParagraph };
}

/** A paragraph's heading level (1-9), from its own outline level or its style's; undefined for body text. */
export function headingLevel(pPr: XmlElement | undefined, styles: Styles): number | undefined {
  const own = intAttr(kid(pPr, 'outlineLvl'));
  if (own !== undefined) return own < 9 ? own + 1 : undefined;
  const seen = new Set<string>();
  for (let id = attr(kid(pPr, 'pStyle'), 'val'); id && !seen.has(id); id = styles.byId.get(id)?.basedOn) {
    seen.add(id);
    const heading = styles.byId.get(id)?.heading ?? (/^heading([1-9])$/i.exec(id) ? Number(id.slice(-1)) : undefined);
    if (heading !== undefined) return heading;
  }
  return undefined;
}

export class Numbering {
  private readonly abstracts = new Map<string, AbstractNum>();
  private readonly nums = new Map<string, NumInstance>();
  /** Counters per abstract definition, one per level; undefined: the level starts afresh. */
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly started = new Set<string>();

  constructor(
    root: XmlElement | undefined,
    private readonly styles: Styles,
  ) {
    for (const el of root ? kids(root) : []) {
      if (el.localName === 'abstractNum') {
        const levels: (NumberingLevel | undefined)[] = [];
        for (const lvl of kids(el)) if (lvl.localName === 'lvl') levels[intAttr(lvl, 'ilvl') ?? 0] = parseLevel(lvl);
        this.abstracts.set(attr(el, 'abstractNumId') ?? '', { levels, numStyleLink: attr(kid(el, 'numStyleLink'), 'val') });
      } else if (el.localName === 'num') {
        const overrides = new Map<number, { start?: number; level?: NumberingLevel }>();
        for (const o of kids(el)) {
          if (o.localName !== 'lvlOverride') continue;
          const lvl = kid(o, 'lvl');
          overrides.set(intAttr(o, 'ilvl') ?? 0, { start: intAttr(kid(o, 'startOverride')), level: lvl ? parseLevel(lvl) : undefined });
        }
        this.nums.set(attr(el, 'numId') ?? '', { abstractId: attr(kid(el, 'abstractNumId'), 'val') ?? '', overrides });
      }
    }
  }

  /**
   * The number of one paragraph, counted: call it for every paragraph in document order.
   * Returns undefined for a paragraph outside any list.
   */
  next(pPr: XmlElement | undefined): { text: string; suffix: NumberingLevel['suffix']; level: number; bullet: boolean } | undefined {
    const target = this.listOf(pPr);
    if (!target) return undefined;
    const { numId, ilvl } = target;
    const num = this.nums.get(numId)!;
    const level = (l: number) => this.level(num, l);
    const current = level(ilvl);
    if (!current) return undefined;
    const key = this.resolveAbstractId(num.abstractId);
    let counts = this.counters.get(key);
    if (!counts) this.counters.set(key, (counts = []));
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const [l, o] of num.overrides) if (o.start !== undefined || o.level) counts[l] = undefined;
    }
    counts[ilvl] = counts[ilvl] === undefined ? current.start : counts[ilvl]! + 1;
    for (let d = ilvl + 1; d < 9; d++) {
      const restartAfter = level(d)?.restartAfter;
      if (restartAfter === undefined || (restartAfter > 0 && ilvl < restartAfter)) counts[d] = undefined;
    }
    if (current.format === 'bullet') return { text: current.text, suffix: current.suffix, level: ilvl, bullet: true };
    const text = current.text.replace(/%([1-9])/g, (_, k: string) => {
      const l = Number(k) - 1;
      const def = level(l);
      const value = counts[l] ?? def?.start ?? 1;
      const format = l === ilvl ? current.format : current.isLegal ? 'decimal' : (def?.format ?? 'decimal');
      return formatNumber(value, format);
    });
    return { text, suffix: current.suffix, level: ilvl, bullet: false };
  }

  /** The list and level of a paragraph, from its own properties or its style's. */
  private listOf(pPr: XmlElement | undefined): { numId: string; ilvl: number } | undefined {
    const numPr = kid(pPr, 'numPr');
    let numId = attr(kid(numPr, 'numId'), 'val');
    let ilvl = intAttr(kid(numPr, 'ilvl'));
    const styleId = attr(kid(pPr, 'pStyle'), 'val') ?? this.styles.defaultParagraph;
    if (numId === undefined || ilvl === undefined) {
      const seen = new Set<string>();
      for (let id = styleId; id && !seen.has(id); id = this.styles.byId.get(id)?.basedOn) {
        seen.add(id);
        const s = this.styles.byId.get(id);
        if (numId === undefined) numId = s?.numId;
        if (ilvl === undefined) ilvl = s?.ilvl;
      }
    }
    if (numId === undefined || numId === '0' || !this.nums.has(numId)) return undefined;
    if (ilvl === undefined) {
      // A style linked to a level (w:lvl/w:pStyle) puts its paragraphs at that level.
      const levels = this.abstractOf(this.nums.get(numId)!)?.levels ?? [];
      const linked = levels.findIndex((l) => l?.style !== undefined && l.style === styleId);
      ilvl = linked >= 0 ? linked : 0;
    }
    return { numId, ilvl: Math.min(Math.max(ilvl, 0), 8) };
  }

  private level(num: NumInstance, ilvl: number): NumberingLevel | undefined {
    const override = num.overrides.get(ilvl);
    const base = override?.level ?? this.abstractOf(num)?.levels[ilvl];
    if (!base) return undefined;
    return override?.start !== undefined ? { ...base, start: override.start } : base;
  }

  private abstractOf(num: NumInstance): AbstractNum | undefined {
    return this.abstracts.get(this.resolveAbstractId(num.abstractId));
  }

  /** Follows w:numStyleLink to the abstract definition that holds the levels. */
  private resolveAbstractId(abstractId: string): string {
    let id = abstractId;
    for (let hops = 0; hops < 4; hops++) {
      const link = this.abstracts.get(id)?.numStyleLink;
      const styleNum = link ? this.styles.byId.get(link)?.numId : undefined;
      const next = styleNum ? this.nums.get(styleNum)?.abstractId : undefined;
      if (!next || next === id) break;
      id = next;
    }
    return id;
  }
}

function parseLevel(lvl: XmlElement): NumberingLevel {
  const rFonts = kid(kid(lvl, 'rPr'), 'rFonts');
  const font = attr(rFonts, 'ascii') ?? attr(rFonts, 'hAnsi');
  const format = attr(kid(lvl, 'numFmt'), 'val') ?? 'decimal';
  let text = attr(kid(lvl, 'lvlText'), 'val') ?? '';
  if (format === 'bullet') text = bulletText(text, font);
  const suffix = attr(kid(lvl, 'suff'), 'val');
  return {
    // ECMA-376: a level without w:start starts at 0 (Word always writes it).
    start: intAttr(kid(lvl, 'start')) ?? 0,
    format,
    text,
    restartAfter: intAttr(kid(lvl, 'lvlRestart')),
    isLegal: isOn(kid(lvl, 'isLgl')),
    suffix: suffix === 'space' || suffix === 'nothing' ? suffix : 'tab',
    style: attr(kid(lvl, 'pStyle'), 'val'),
  };
}

/** Bullets set in symbol fonts become their Unicode look-alikes; unknown private-use glyphs a plain bullet. */
function bulletText(text: string, font: string | undefined): string {
  const mapped = font ? symbolFontText(font, text) : text;
  return mapped.replace(/[\uf000-\uf0ff]/g, '\u2022') || '\u2022';
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'none':
      return '';
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'ordinal':
      return ordinal(n);
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalEnclosedFullstop':
      return `${n}.`;
    default:
      return String(n);
  }
}

/** Word counts letters a…z, then aa, bb, cc (the letter repeated), not aa, ab. */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [value, digits] of table) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
