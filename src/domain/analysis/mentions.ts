// Named things a paragraph mentions: laws, policies and plans, agreements (MOUs, with which
// countries), institutions and partner organisations, and practices the State calls good or
// innovative. Names are found by their form (capitalised words around a head word such as "Law",
// "Plan", "Ministry"); partners from a list of the international organisations replies cite.
import { states } from '../reference.ts';
import type { MentionKind } from './types.ts';

export interface FoundMention {
  kind: MentionKind;
  text: string;
  countries: string[];
}

const cap = "[A-Z][\\p{L}'’&-]*|(?:19|20)\\d{2}(?:\\s?[-–]\\s?(?:19|20)?\\d{2})?";
const joiner = "(?:of|on|for|and|the|in|to|against|concerning|relating to|regarding|&)";
/** A run of capitalised words (and years), joined by small words: "Law on Suppression of Human Trafficking", "Ministry of Labour and Vocational Training (MLVT)". */
const namePattern = new RegExp(`(?:${cap})(?:\\s+(?:${joiner}\\s+)*(?:${cap}))*(?:\\s*\\(([A-Z][A-Za-z]{1,9})\\))?`, 'gu');
/** The head words that say what a name is; the first in a name decides. */
const heads: [RegExp, MentionKind][] = [
  [/^(?:Law|Laws|Act|Code|Decree|Sub-Decree|Prakas|Ordinance|Regulations?|Proclamation|Bill|Constitution|Directive)$/u, 'law'],
  [/^(?:Polic(?:y|ies)|Plan|Strategy|Programme|Program|Framework|Roadmap|Agenda|Guidelines|Initiative|Scheme)$/u, 'policy'],
  [
    /^(?:Ministry|Ministries|Department|Committee|Commission|Agency|Council|Office|Bureau|Authority|Centre|Center|Centres|Centers|Institute|University|Organi[sz]ation|Directorate|Secretariat|Service|Police|Court|Parliament|Assembly|Unit|Board|Foundation|Association|Federation|Union|Bank|Fund|Network|Chamber)$/u,
    'institution',
  ],
];

/** A run of names split where a second one starts: at a possessive, and at "and" before a name with its own head word. */
function splitNames(run: string): string[] {
  const parts = run.split(/[’']s\s+/u);
  return parts.flatMap((part) => {
    const pieces = part.split(/\s+and\s+(?:the\s+)?/u);
    const out: string[] = [pieces[0]!];
    for (const piece of pieces.slice(1)) {
      if (kindOfName(piece)) out.push(piece);
      else out[out.length - 1] += ` and ${piece}`;
    }
    return out;
  });
}

function kindOfName(name: string): MentionKind | null {
  for (const word of name.split(/\s+/)) for (const [p, kind] of heads) if (p.test(word)) return kind;
  return null;
}
const agreementPattern = /\b(?:MOUs?|MoUs?|Memorand(?:um|a) of Understanding|(?:[Bb]ilateral|[Ss]ocial [Ss]ecurity|[Rr]eadmission|[Ll]abou?r|[Mm]igration|[Ee]mployment) (?:[Ll]abou?r )?[Aa]greements?|[Aa]greements?)\b/gu;
const practicePattern = /\b(?:good|best|promising|innovative|successful|effective) (?:practices?|examples?|approach(?:es)?|initiatives?|model)\b|\binnovative\b|\bsuccess stor(?:y|ies)\b/iu;

const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** International organisations and networks replies name as partners. */
const partners = [
  'IOM', 'ILO', 'UNHCR', 'UNICEF', 'UNDP', 'UNFPA', 'UN Women', 'UNODC', 'OHCHR', 'WHO', 'World Bank', 'Asian Development Bank', 'ADB', 'ASEAN', 'ESCAP',
  'UNDESA', 'UN DESA', 'European Union', 'IFAD', 'WFP', 'UNESCO', 'UN-Habitat', 'UNAIDS', 'UNOPS', 'OECD', 'SAARC', 'Pacific Islands Forum', 'Colombo Process',
  'Abu Dhabi Dialogue', 'Bali Process', 'United Nations Network on Migration', 'UN Network on Migration', 'International Organization for Migration',
  'International Labour Organization', 'International Labour Organisation', 'Red Cross', 'Red Crescent', 'IFRC', 'ICRC',
];
const partnerPattern = new RegExp(`(?<![\\p{L}])(?:${partners.map((p) => escape(p)).join('|')})(?![\\p{L}])`, 'gu');

/** Words that start a sentence or a name but are not part of it. */
const dropLeading = /^(?:The|A|An|In|On|Under|Through|With|By|For|Since|As|Its|Our|This|These|Their|Per|From|At|To|And|Also|Both|Each|All|Further|Furthermore|Moreover|However|Besides|Additionally|Similarly|Meanwhile|Recently|Currently|Finally|Today|Government|According|Although|While|When|Where|Following|Within|Among|Between|During|After|Before|If|Yet|But)\s+/u;
/** Names that look like laws or institutions but are the Compact's own vocabulary. */
const notNames = /^(?:Rule of Law|Law Enforcement|Global Compact|Member States?|States?|Government|Office|Ministry|Department|Committee|Agency|Council|Plan|Policy|Strategy|Programme|Program|Framework|Law|Act|Code|Agenda|Service|Unit|Board|Bank|Fund|Network|Union)$/u;

/** Every name and alias of a State (and short names replies use), longest first, to the State's code. */
const countryByName = new Map<string, string>([
  ...states.flatMap((s) => [s.name, ...(s.aliases ?? [])].filter((n) => !/[()]/.test(n)).map((n): [string, string] => [n, s.iso3])),
  ...([['Republic of Korea', 'KOR'], ['South Korea', 'KOR'], ['Korea', 'KOR'], ['Lao PDR', 'LAO'], ['Laos', 'LAO'], ['Viet Nam', 'VNM'], ['Vietnam', 'VNM'], ['Iran', 'IRN'], ['United States', 'USA'], ['United Kingdom', 'GBR'], ['Russia', 'RUS']] as [string, string][]),
]);
const countryPattern = new RegExp(
  `(?<![\\p{L}])(?:${[...countryByName.keys()].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}])`,
  'gu',
);

/** The States a stretch of text names (ISO3), in the order it names them, the responding State left out. */
export function countriesIn(text: string, except: string | null): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(countryPattern)) {
    const iso3 = countryByName.get(m[0]);
    if (iso3 && iso3 !== except) out.add(iso3);
  }
  return [...out];
}

function clean(name: string): string {
  let n = name.replace(/\s+/g, ' ').trim();
  while (dropLeading.test(n) || /^(?:to|of|the|and|for|on|in)\s+/u.test(n)) n = n.replace(dropLeading, '').replace(/^(?:to|of|the|and|for|on|in)\s+/u, '');
  return n
    .replace(/\s+(?:of|on|for|and|the|in|to|against|&)$/u, '')
    .replace(/[’']s$/u, '')
    .replace(/-$/u, '');
}

function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.;!?](?=\s+[A-Z(‘“"']|\s*$)/gu)) {
    out.push({ text: text.slice(start, m.index + 1), start });
    start = m.index + 1;
  }
  if (start < text.length) out.push({ text: text.slice(start), start });
  return out.filter((s) => s.text.trim() !== '');
}

/** The mentions of one paragraph's text; `state` is the responding State (left out of an agreement's countries). */
export function findMentions(text: string, state: string | null): FoundMention[] {
  const out: FoundMention[] = [];
  const seen = new Set<string>();
  const push = (kind: MentionKind, raw: string, countries: string[] = []) => {
    const name = kind === 'practice' ? raw.replace(/\s+/g, ' ').trim() : clean(raw);
    if (kind !== 'practice' && (notNames.test(name) || name.split(' ').length < 2) && !/^[A-Z]{2,}/.test(name)) return;
    const key = `${kind}|${name.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, text: name, countries });
  };
  for (const m of text.matchAll(namePattern)) {
    // "IOM and the National Committee for …", "the University’s Research Centre": two names.
    for (const part of splitNames(m[0])) {
      const kind = kindOfName(part);
      if (kind) push(kind, part);
    }
  }
  for (const m of text.matchAll(partnerPattern)) push('partner', m[0]);
  const mayPractise = /practi|innovat|success/i.test(text) && practicePattern.test(text);
  const mayAgree = /\b(?:MOU|MoU|Memorand|[Aa]greement)/.test(text);
  for (const s of mayPractise || mayAgree ? sentences(text) : []) {
    let end = 0;
    for (const m of s.text.matchAll(agreementPattern)) {
      if (m.index < end) continue; // "Memorandum of Understanding (MOU)": one agreement
      // The countries of the agreement: those named from it to the end of its clause; its name up to the first comma.
      const rest = s.text.slice(m.index);
      const clause = /^[^;:]*/u.exec(rest)![0].slice(0, 240);
      const countries = countriesIn(clause, state);
      const titled = /^\s+(?:on|between|with|for)\s/u.test(rest.slice(m[0].length));
      if (countries.length === 0 && (!titled || /^[Aa]greements?$|^[a-z]/.test(m[0]))) continue;
      const name = /^(?:[^,(]|\([^)]*\))*/u.exec(clause)![0].trim().slice(0, 160);
      end = m.index + name.length;
      push('agreement', name, countries);
    }
    if (mayPractise && practicePattern.test(s.text)) push('practice', s.text.trim().slice(0, 300));
  }
  return out;
}
