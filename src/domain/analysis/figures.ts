// The figures a paragraph reports: counts, percentages, money with its currency, ranges, dates and
// years, each with its value, unit, what it counts (the noun phrase the text gives it) and the year
// it refers to where the sentence states one. Numbers that name things rather than count them
// (Article 17, Objective 23, resolution 73/195, COVID-19, Q1) are not figures.
import type { Figure, FigureValue } from './types.ts';

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthNames = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const ordinal = '(?:st|nd|rd|th)?';
/** Whether a text may hold a month's name (the date patterns run only then). */
const monthHint = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const yearSource = '(?:19|20)\\d{2}';

/** ISO 4217 codes a reply may write before or after an amount (those of the regions using the tool, and the main ones). */
const currencyCodes = [
  'USD', 'EUR', 'GBP', 'JPY', 'AUD', 'NZD', 'CAD', 'CHF', 'CNY', 'RMB', 'KRW', 'THB', 'KHR', 'LAK', 'MMK', 'VND', 'IDR', 'MYR', 'SGD', 'PHP', 'INR',
  'BDT', 'NPR', 'LKR', 'PKR', 'AFN', 'IRR', 'KZT', 'KGS', 'TJS', 'UZS', 'TMT', 'AZN', 'AMD', 'GEL', 'RUB', 'TRY', 'FJD', 'PGK', 'WST', 'TOP', 'VUV',
  'SBD', 'MVR', 'BTN', 'MNT', 'HKD', 'MOP', 'BND', 'XAF', 'XOF', 'ZAR', 'KES', 'NGN', 'EGP', 'MAD', 'SAR', 'AED', 'QAR', 'KWD', 'OMR', 'BHD', 'JOD',
  'MXN', 'BRL', 'ARS', 'COP', 'CLP', 'PEN', 'SEK', 'NOK', 'DKK', 'PLN',
];
const currencySymbols: Record<string, string> = { US$: 'USD', 'US $': 'USD', A$: 'AUD', NZ$: 'NZD', S$: 'SGD', HK$: 'HKD', $: '$', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₱': 'PHP', '₹': 'INR', '₩': 'KRW', '₫': 'VND', Rp: 'IDR', 'Rp.': 'IDR', Rs: 'INR', 'Rs.': 'INR', RM: 'MYR' };
const currencyWords: Record<string, string> = {
  'us dollars': 'USD', 'us dollar': 'USD', 'u.s. dollars': 'USD', dollars: '$', dollar: '$', euros: 'EUR', euro: 'EUR', baht: 'THB', riels: 'KHR', riel: 'KHR', yen: 'JPY',
  rupees: 'INR', pesos: 'PHP', ringgit: 'MYR', dong: 'VND', yuan: 'CNY', won: 'KRW', taka: 'BDT', kip: 'LAK', kyat: 'MMK', rupiah: 'IDR', tenge: 'KZT',
  soms: 'KGS', som: 'KGS', manat: 'AZN', drams: 'AMD', dram: 'AMD', lari: 'GEL', afghanis: 'AFN', rufiyaa: 'MVR', ngultrum: 'BTN', 'pounds sterling': 'GBP',
};
const symbolSource = ['US \\$', 'US\\$', 'A\\$', 'NZ\\$', 'S\\$', 'HK\\$', '\\$', '€', '£', '¥', '₱', '₹', '₩', '₫', 'Rp\\.?', 'Rs\\.?', 'RM'].join('|');
const prefix = `(?:(?<![\\p{L}\\p{N}])(${symbolSource}|${currencyCodes.join('|')})\\s?)`;
const numberSource = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const scaleSource = '(?:\\s?(thousand|million|billion|trillion|bn|mn)\\b)';
const suffixSource = `(?:\\s?(%|[Pp]er\\s?[Cc]ent(?:age points?)?|[Pp]ercent(?:age points?)?)|\\s(${[...currencyCodes, ...Object.keys(currencyWords)].sort((a, b) => b.length - a.length).join('|')})\\b)`;
/** An amount: [1] currency before, [2] the number, [3] scale, [4] per cent, [5] currency after. */
const quantityPattern = new RegExp(`${prefix}?(${numberSource})${scaleSource}?${suffixSource}?`, 'gu');
const qualifierPattern = /(?:\b(?:over|more than|less than|fewer than|under|about|approximately|approx\.|around|nearly|almost|some|up to|at least|at most|an estimated|estimated|roughly|close to|in excess of|a total of|total of|only|just)\s+)+$/iu;

const scales: Record<string, number> = { thousand: 1e3, million: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12 };

/** Words before a number that make it a name, not a quantity ("Article 17", "SDG 8", "resolution 73/195"). */
const labelPattern = new RegExp(
  String.raw`\b(?:objectives?|articles?|art\.|sections?|chapters?|goals?|targets?|sdgs?|conventions?|no\.|nos\.|numbers?|resolutions?|paragraphs?|paras?\.?|op|phases?|levels?|grades?|decrees?|laws?|annex(?:es)?|rules?|clauses?|items?|questions?|clusters?|steps?|tiers?|round\s+tables?|pillars?|principles?|pages?|p\.|pp\.|footnotes?|tables?|figures?|versions?|volumes?|vol\.|covid|ilo\s+convention|protocol|recommendation|box|indicator|category|class|route|highway|room|ward)\s*(?:no\.?\s*)?#?\d[\d.\/]*(?:\s*(?:,|and|&|or|-|–|to)\s*\d[\d.\/]*(?![\d,]*\s*(?:per\s?cent|percent|%)))*`,
  'giu',
);
const urlPattern = /\bhttps?:\/\/\S+|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
/** "(IOM, 2019)", "(ILO 2017; IOM 2019)": a source's year, not a figure. */
const citationPattern = new RegExp(`\\((?:e\\.g\\.\\s*|see\\s+)?[A-Z](?:[^()]*?,?\\s*${yearSource}[a-z]?(?:\\s*[;,]\\s*)?)+\\)`, 'gu');

const dateRangePattern = new RegExp(
  `(?:\\b(?:from|between)\\s+)?\\b(\\d{1,2})${ordinal}(?:\\s+(${monthNames}))?\\s*(?:-|–|—|to|until|and)\\s*(\\d{1,2})${ordinal}\\s+(?:of\\s+)?(${monthNames}),?\\s+(${yearSource})\\b`,
  'giu',
);
const datePattern = new RegExp(`\\b(\\d{1,2})${ordinal}\\s+(?:of\\s+)?(${monthNames}),?\\s+(${yearSource})\\b|\\b(${monthNames})\\s+(\\d{1,2})${ordinal},\\s*(${yearSource})\\b`, 'giu');
const monthYearPattern = new RegExp(`\\b(?:(?:early|mid|late|end of|beginning of)[\\s-]+)?(${monthNames})\\s+(?:of\\s+)?(${yearSource})\\b`, 'giu');
const monthRangePattern = new RegExp(`\\b(?:from|between)\\s+(${monthNames})(?:\\s+(${yearSource}))?\\s+(?:and|to|until|-|–)\\s+(${monthNames})\\s+(${yearSource})\\b`, 'giu');
const yearRangePattern = new RegExp(`(?:\\b(?:from|between)\\s+)?\\b(${yearSource})\\s*(?:-|–|—|/|to|until|and)\\s*(${yearSource}|\\d{2})\\b(?![,.]?\\d)`, 'giu');
const yearPattern = new RegExp(`\\b(${yearSource})\\b(?![,.]?\\d)`, 'gu');

/** Plural nouns after a four-digit number that make it a count, not a year ("2000 migrants"). */
const countNouns = /^\s+(?:[a-z-]+\s+)?(?:people|persons|migrants|workers|children|women|men|students|households|families|cases|victims|returnees|nationals|citizens|individuals|applications|permits|visas|refugees|survivors|officials|officers|staff|participants|beneficiaries)\b/iu;

interface Span {
  start: number;
  end: number;
}

interface Found extends Span {
  kind: 'quantity' | 'date' | 'year';
  raw: string;
  value: FigureValue;
  unit: string;
  /** The year of a date or a year: used to give figures their year. */
  ownYear: number | null;
}

/** The figures of one paragraph's text. */
export function extractFigures(text: string, paragraph: number | null): Figure[] {
  const taken: Span[] = [];
  const free = (s: number, e: number) => !taken.some((t) => s < t.end && e > t.start);
  const excluded: Span[] = [];
  // Each pattern runs only where the text has what it needs (a month's name, a year, a link): most paragraphs have few.
  const hasMonth = monthHint.test(text);
  const hasYear = /(?:19|20)\d\d/.test(text);
  if (/https?:|www\.|@/.test(text)) for (const m of text.matchAll(urlPattern)) excluded.push({ start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(labelPattern)) excluded.push({ start: m.index, end: m.index + m[0].length });
  const citations: Span[] = (hasYear ? [...text.matchAll(citationPattern)] : []).map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const isExcluded = (s: number, e: number) => [...excluded, ...citations].some((x) => s < x.end && e > x.start);
  const found: Found[] = [];
  const add = (f: Found) => {
    found.push(f);
    taken.push(f);
  };

  for (const m of hasMonth && hasYear ? text.matchAll(dateRangePattern) : []) {
    const [raw, d1, m1, d2, m2, y] = m;
    const start = m.index;
    if (!free(start, start + raw.length) || isExcluded(start, start + raw.length)) continue;
    const year = Number(y);
    const to = isoDate(year, m2!, Number(d2));
    const from = isoDate(year, m1 ?? m2!, Number(d1));
    if (!from || !to) continue;
    add({ kind: 'date', start, end: start + raw.length, raw, value: { from, to }, unit: 'date', ownYear: year });
  }
  for (const m of hasMonth && hasYear ? text.matchAll(datePattern) : []) {
    const raw = m[0];
    if (!free(m.index, m.index + raw.length) || isExcluded(m.index, m.index + raw.length)) continue;
    const [day, month, year] = m[1] ? [m[1], m[2]!, m[3]!] : [m[5]!, m[4]!, m[6]!];
    const value = isoDate(Number(year), month, Number(day));
    if (value) add({ kind: 'date', start: m.index, end: m.index + raw.length, raw, value, unit: 'date', ownYear: Number(year) });
  }
  for (const m of hasMonth && hasYear ? text.matchAll(monthRangePattern) : []) {
    const raw = m[0];
    if (!free(m.index, m.index + raw.length) || isExcluded(m.index, m.index + raw.length)) continue;
    const [from, to] = [monthIndex(m[1]!), monthIndex(m[3]!)];
    if (from === null || to === null) continue;
    const iso = (y: string, i: number) => `${y}-${String(i + 1).padStart(2, '0')}`;
    const fromYear = m[2] ?? m[4]!;
    add({ kind: 'date', start: m.index, end: m.index + raw.length, raw, value: { from: iso(fromYear, from), to: iso(m[4]!, to) }, unit: 'date', ownYear: fromYear === m[4] ? Number(m[4]) : null });
  }
  for (const m of hasMonth && hasYear ? text.matchAll(monthYearPattern) : []) {
    const raw = m[0];
    if (!free(m.index, m.index + raw.length) || isExcluded(m.index, m.index + raw.length)) continue;
    const month = monthIndex(m[1]!);
    if (month === null) continue;
    add({ kind: 'date', start: m.index, end: m.index + raw.length, raw, value: `${m[2]}-${String(month + 1).padStart(2, '0')}`, unit: 'date', ownYear: Number(m[2]) });
  }
  for (const m of hasYear ? text.matchAll(yearRangePattern) : []) {
    const raw = m[0];
    if (!free(m.index, m.index + raw.length) || isExcluded(m.index, m.index + raw.length)) continue;
    const from = Number(m[1]);
    let to = Number(m[2]);
    if (m[2]!.length === 2) to = Math.floor(from / 100) * 100 + to;
    if (to <= from || to - from > 50) continue;
    if (/\band\b/i.test(raw) && !/^between\b/i.test(raw)) continue;
    add({ kind: 'year', start: m.index, end: m.index + raw.length, raw, value: { from, to }, unit: 'year', ownYear: null });
  }

  // Amounts, percentages and counts, then ranges of two of them.
  const quantities: Found[] = [];
  for (const m of text.matchAll(quantityPattern)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (!free(start, end) || isExcluded(start, end)) continue;
    const numberStart = start + raw.indexOf(m[2]!);
    if (!standsAlone(text, start, numberStart, end, Boolean(m[1]))) continue;
    const scale = m[3] ? scales[m[3].toLowerCase()]! : 1;
    const value = Number((Number(m[2]!.replace(/,/g, '')) * scale).toPrecision(12));
    const currency = currencyOf(m[1], m[5]);
    const percent = m[4] ? (/point/i.test(m[4]) ? 'percentage points' : 'percent') : null;
    const unit = currency ?? percent ?? 'count';
    const plain = !m[1] && !m[3] && !m[4] && !m[5];
    const temporal = /\b(?:in|since|by|from|until|till|of|during|before|after|to|and|early|late|mid|year|end)\s+$/iu.test(text.slice(Math.max(0, start - 12), start));
    if (plain && /^\d{4}$/.test(m[2]!) && Number(m[2]) >= 1900 && Number(m[2]) <= 2099 && (temporal || !countNouns.test(text.slice(end)))) continue; // a year: below
    quantities.push({ kind: 'quantity', start, end, raw, value, unit, ownYear: null });
  }
  for (let i = 0; i < quantities.length; i++) {
    const a = quantities[i]!;
    const b = quantities[i + 1];
    const between = b ? text.slice(a.end, b.start) : '';
    const before = text.slice(Math.max(0, a.start - 12), a.start);
    const joined = b && (/^\s*(?:-|–|—|to)\s*$/i.test(between) || (/^\s*and\s*$/i.test(between) && /\bbetween\s+(?:\S+\s+)?$/i.test(before)));
    if (b && joined && (a.unit === b.unit || a.unit === 'count' || b.unit === 'count') && typeof a.value === 'number' && typeof b.value === 'number' && b.value >= a.value) {
      // "USD1,900 – USD2,100", "50,000 to 100,000", "10-15%": the unit of either end.
      const unit = a.unit === 'count' ? b.unit : a.unit;
      // "between 1.2 and 1.5 million": the scale of the second end holds for the first.
      const aValue = scaleOf(a.raw) === 1 && scaleOf(b.raw) > 1 ? Number((a.value * scaleOf(b.raw)).toPrecision(12)) : a.value;
      if (aValue > b.value) {
        add(a);
        continue;
      }
      add({ kind: 'quantity', start: a.start, end: b.end, raw: text.slice(a.start, b.end), value: { from: aValue, to: b.value }, unit, ownYear: null });
      i++;
    } else add(a);
  }
  for (const m of text.matchAll(yearPattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!free(start, end) || excluded.some((x) => start < x.end && end > x.start)) continue;
    if (!standsAlone(text, start, start, end, false)) continue;
    const inCitation = citations.some((c) => start >= c.start && end <= c.end);
    if (inCitation) continue;
    add({ kind: 'year', start, end, raw: m[0], value: Number(m[1]), unit: 'year', ownYear: Number(m[1]) });
  }

  found.sort((a, b) => a.start - b.start);
  const sentences = sentenceSpans(text);
  return found.map((f) => {
    const range = typeof f.value === 'object';
    const before = text.slice(Math.max(0, f.start - 40), f.start);
    const qualifier = (range && !/^(from|between)\b/i.test(f.raw) ? /\b(?:between|from)\s+$/iu.exec(before)?.[0] ?? '' : '') || (qualifierPattern.exec(before)?.[0] ?? '');
    const raw = /^(from|between)\b/i.test(f.raw) ? f.raw : qualifier + f.raw;
    return {
      raw: raw.replace(/\s+/g, ' ').trim(),
      value: f.value,
      unit: f.unit,
      what: f.kind === 'quantity' ? whatOf(text, f, sentences) : null,
      year: f.ownYear ?? (f.kind === 'quantity' ? yearOf(f, found, sentences) : null),
      paragraph,
    };
  });
}

/** Not glued to letters or other numbers: "COVID-19", "Q1", "73/195", "3rd", "C189" are not figures. */
function standsAlone(text: string, start: number, numberStart: number, end: number, hasPrefix: boolean): boolean {
  const before = text[start - 1] ?? ' ';
  const before2 = text[start - 2] ?? ' ';
  if (/[\p{L}\p{N}_/]/u.test(before) && !(hasPrefix && numberStart > start)) return false;
  if ((before === '-' || before === '.' || before === ',') && /[\p{L}\p{N}]/u.test(before2)) return false;
  const after = text.slice(end, end + 2);
  if (/^[\p{L}\p{N}_]/u.test(after)) return false;
  // "24-hour", "10-year": part of a compound word, not a quantity.
  if (/^-\p{L}/u.test(after)) return false;
  if (/^\/\d/.test(after)) return false;
  // "1)" or "(ii)": a list marker.
  if (after.startsWith(')') && before === '(' && end - numberStart <= 2) return false;
  return true;
}

function currencyOf(before: string | undefined, after: string | undefined): string | null {
  const mark = before ?? after;
  if (!mark) return null;
  const upper = mark.toUpperCase();
  if (currencyCodes.includes(upper)) return upper;
  return currencySymbols[mark] ?? currencyWords[mark.toLowerCase()] ?? null;
}

function scaleOf(raw: string): number {
  const m = /(thousand|million|billion|trillion|bn|mn)\b/i.exec(raw);
  return m ? scales[m[1]!.toLowerCase()]! : 1;
}

function monthIndex(name: string): number | null {
  const key = name.toLowerCase().replace(/\.$/, '').slice(0, 3);
  const i = months.findIndex((m) => m.startsWith(key));
  return i < 0 ? null : i;
}

function isoDate(year: number, month: string, day: number): string | null {
  const m = monthIndex(month);
  if (m === null || day < 1 || day > 31) return null;
  return `${year}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.;!?](?=\s+[A-Z(‘“"']|\s*$)|\n\s*\n/gu)) {
    spans.push({ start, end: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

const sentenceOf = (spans: Span[], at: number) => spans.find((s) => at >= s.start && at < s.end) ?? { start: 0, end: Number.MAX_SAFE_INTEGER };

/** The year the sentence gives the figure: the nearest year or date in its sentence (a source's year aside). */
function yearOf(f: Found, found: Found[], sentences: Span[]): number | null {
  const s = sentenceOf(sentences, f.start);
  let best: { year: number; distance: number } | null = null;
  for (const y of found) {
    if (y === f || y.ownYear === null || y.start < s.start || y.end > s.end) continue;
    // A year after the figure reads as its own ("USD1.43 billion in 2018"): it counts a little nearer.
    const distance = y.start >= f.end ? (y.start - f.end) * 0.8 : f.start - y.end;
    if (!best || distance < best.distance) best = { year: y.ownYear, distance };
  }
  if (best) return best.year;
  // No year in its sentence: the paragraph's, when it states only one.
  const years = new Set(found.filter((y) => y.ownYear !== null).map((y) => y.ownYear));
  return years.size === 1 ? [...years][0]! : null;
}

const stopWords = new Set(
  (
    'of in on at to from by with for and or but nor was were is are be been being have has had who which that whom whose this these those it its they their them ' +
    'as than into per during since between while when where through across over under about after before because will would can could may might should must shall ' +
    'did do does not also only each every respectively approximately around nearly almost some all so yet such there here if whether out up down against within without ' +
    'including include includes compared according i e etc i.e. e.g. the a an back respectively'
  ).split(' '),
);
const leadingWords = new Set(['the', 'a', 'an', 'additional', 'more', 'new', 'other', 'further', 'some', 'such']);
const moneyKeywords: [RegExp, string][] = [
  [/\bremittances?\b|\bremit(?:ted|s)?\b|\bsent home\b|\bsend home\b/iu, 'remittances'],
  [/\bbudgets?\b/iu, 'budget'],
  [/\bfund(?:s|ing)?\b/iu, 'funding'],
  [/\bgrants?\b/iu, 'grants'],
  [/\bloans?\b/iu, 'loans'],
  [/\bdebts?\b/iu, 'debt'],
  [/\bfees?\b/iu, 'fees'],
  [/\bcosts?\b/iu, 'cost'],
  [/\bwages?\b|\bsalar(?:y|ies)\b|\bearn(?:s|ed|ings)?\b|\bpaid\b/iu, 'wages'],
  [/\bincomes?\b/iu, 'income'],
  [/\binvest(?:ment|ments|ed)?\b/iu, 'investment'],
  [/\bGDP\b/u, 'GDP'],
  [/\brevenues?\b/iu, 'revenue'],
  [/\bcompensation\b/iu, 'compensation'],
];

/** The noun phrase a figure counts: after it ("22,700 documented migrant workers", "of whom were men", "of the GDP"), else before it ("the number of returnees reached 3,000"). */
function whatOf(text: string, f: Found, sentences: Span[]): string | null {
  const s = sentenceOf(sentences, f.start);
  const after = text.slice(f.end, s.end);
  const before = text.slice(s.start, f.start);
  const money = f.unit !== 'count' && f.unit !== 'percent' && f.unit !== 'percentage points';
  let m = /^\s*,?\s*of\s+(?:whom|which|them|these|those)\s+(?:were|are|was|is|being)?\s*(.*)$/isu.exec(after);
  if (m) return nounPhrase(m[1]!);
  if (f.unit === 'percent' || money) {
    m = /^\s*(?:of|in|for|on)\s+(?!\d)(.*)$/isu.exec(after);
    if (m && !/^(?:the\s+)?(?:year\s+)?(?:19|20)\d{2}\b/u.test(m[1]!)) {
      const phrase = nounPhrase(m[1]!);
      if (phrase) return phrase;
    }
  }
  if (f.unit === 'percent') {
    m = /^\s*(?:were|are|was|is|came from|come from)\s+(?!\d)(.*)$/isu.exec(after);
    const phrase = m ? nounPhrase(m[1]!) : null;
    if (phrase) return phrase;
  }
  if (f.unit === 'count') {
    m = /^\s*of\s+(?:the\s+)?(?!\d)(.*)$/isu.exec(after);
    const phrase = m ? nounPhrase(m[1]!) : null;
    if (phrase) return phrase;
  }
  if (f.unit === 'count' || money) {
    const phrase = nounPhrase(after);
    if (phrase && !/^(?:million|billion|thousand)$/i.test(phrase)) return phrase;
  }
  m = /(?:number|total|count|population|stock|share|proportion|percentage)\s+of\s+([\p{L}'’ -]{3,80}?)\s+(?:was|were|is|are|reached|stood at|totall?ed|amounted to|rose to|increased to|grew to|fell to|dropped to|decreased to|declined to|came to|of)\s+(?:about|approximately|around|nearly|almost|over|more than|some|an estimated|roughly)?\s*$/iu.exec(before);
  if (m) return nounPhrase(m[1]!, 6);
  m = /\b(?:of|among|amongst)\s+(?:the\s+)?([\p{L}'’ -]{3,80}?)(?:\s+(?:who|that|which)\b[^,]*)?,\s*$/iu.exec(before);
  if (m && f.unit === 'percent') return nounPhrase(m[1]!, 6);
  m = /\b(increase|decrease|rise|growth|drop|decline|reduction|fall)\s+of\s*(?:about|approximately|around|nearly|almost|over|more than|some)?\s*$/iu.exec(before);
  if (m) return m[1]!.toLowerCase();
  if (money) {
    const sentence = text.slice(s.start, s.end);
    for (const [p, word] of moneyKeywords) if (p.test(sentence)) return word;
  }
  return null;
}

/** The first words of `text` that can be a noun phrase: up to `max` words, stopping at a function word, a verb-like word or punctuation. */
function nounPhrase(text: string, max = 4): string | null {
  const words: string[] = [];
  const re = /^\s*([\p{L}][\p{L}\p{N}'’-]*)/u;
  let rest = text;
  while (words.length < max) {
    const m = re.exec(rest);
    if (!m) break;
    const word = m[1]!;
    const lower = word.toLowerCase();
    // "victims of trafficking", "victims of forced labour": "of" and a noun, not "of the".
    const ofNoun = lower === 'of' && words.length > 0 && words.at(-1) !== 'of' && /^\s*of\s+(?!the\b|a\b|an\b|whom\b|which\b|them\b|these\b|those\b|their\b|its\b)\p{L}/iu.test(rest);
    if (stopWords.has(lower) && !ofNoun && !(words.length === 0 && leadingWords.has(lower))) break;
    if (words.length > 0 && words.at(-1) !== 'of' && /(?:ed|ing)$/u.test(lower) && !/(?:need|seed|feed|bed|kindred|hundred|thing|spring|ring|building|housing|training|clothing|offspring|king|ceiling|funding|shipping|fishing|processing|working)$/u.test(lower)) break;
    if (/^(?:were|was|are|is|had|has|have)$/u.test(lower)) break;
    words.push(word);
    rest = rest.slice(m[0].length);
  }
  while (words.length && leadingWords.has(words[0]!.toLowerCase())) words.shift();
  while (words.length && words.at(-1) === 'of') words.pop();
  return words.length ? words.join(' ') : null;
}
