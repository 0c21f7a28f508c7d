// The inverse of fromFixedSlots: an item questionnaire of the fixed-slot shape (contact block,
// consent, instructions, clusters of prose questions, the principles checklist, open questions)
// as today's fixed-slot Template, so that the exporters and the importer, which still read that
// model, can use a questionnaire localised into another language (toFixedSlots(localize(q, 'fr'))).
import { mapStrings, PLACEHOLDER } from '../placeholders.ts';
import { Template, type TemplateInput } from '../template.ts';
import { builtinQuestionnaire } from './builtin/index.ts';
import type { ChecklistItem } from './kinds/checklist.ts';
import type { ChoiceItem } from './kinds/choice.ts';
import type { ContactItem } from './kinds/contact.ts';
import type { ProseItem } from './kinds/prose.ts';
import type { SectionItem } from './kinds/section.ts';
import { languagesOf, type Questionnaire } from './questionnaire.ts';
import { localize } from './localize.ts';
import { compact } from './legacy.ts';
import type { Item } from './registry.ts';
import { isTranslations, type Text } from './text.ts';

/** Why a questionnaire cannot be read as a fixed-slot template, naming the item. */
export class NotFixedSlots extends Error {
  constructor(detail: string) {
    super(`The questionnaire does not have the fixed-slot shape (contact, consent, instructions, clusters, principles, open questions): ${detail}`);
    this.name = 'NotFixedSlots';
  }
}

/**
 * The fixed-slot template of a questionnaire in one language (localize it first: a translated
 * text is refused). Throws NotFixedSlots for an item the fixed-slot model has no place for.
 */
export function toFixedSlots(q: Questionnaire): Template {
  const s = (text: Text | undefined, where: string): string | undefined => {
    if (text === undefined) return undefined;
    if (isTranslations(text)) throw new NotFixedSlots(`${where} is given in several languages; localize the questionnaire first`);
    return text;
  };
  const need = (text: Text | undefined, where: string): string => s(text, where) ?? '';
  const prose = (item: Item, where: string) => {
    if (item.kind !== 'prose') throw new NotFixedSlots(`${where} is a ${item.kind}; only prose questions go there`);
    const p = item as ProseItem;
    return compact({ key: p.key, label: p.label, prompt: need(p.prompt, `${where}.prompt`), wordGuidance: p.wordGuidance, attachmentsAllowed: p.attachmentsAllowed });
  };
  let contact: ContactItem | undefined;
  let consent: ChoiceItem | undefined;
  let instructions: SectionItem | undefined;
  let principles: ChecklistItem | undefined;
  let open: SectionItem | undefined;
  const clusters: SectionItem[] = [];
  q.items.forEach((item, i) => {
    const where = `items[${i}] ("${item.key ?? item.kind}")`;
    if (item.kind === 'contact' && !contact) contact = item;
    else if (item.kind === 'choice' && item.role === 'publication-consent' && !consent) consent = item;
    else if (item.kind === 'checklist' && !principles) principles = item;
    else if (item.kind === 'section' && item.key === 'instructions') instructions = item as SectionItem;
    else if (item.kind === 'section' && item.key === 'open-questions') open = item as SectionItem;
    else if (item.kind === 'section' && item.label !== undefined && /^\d+$/.test(item.label)) clusters.push(item as SectionItem);
    else throw new NotFixedSlots(`${where}, a ${item.kind}, has no place in it`);
  });
  if (!contact) throw new NotFixedSlots('it has no contact block');
  const c = contact;
  const draft: TemplateInput = compact({
    id: q.id,
    version: q.version,
    title: need(q.title, 'title'),
    name: s(q.name, 'name'),
    subtitle: s(q.subtitle, 'subtitle'),
    respondentType: q.respondentType,
    language: q.language,
    meeting: q.meeting && compact({ name: need(q.meeting.name, 'meeting.name'), place: s(q.meeting.place, 'meeting.place'), dates: s(q.meeting.dates, 'meeting.dates') }),
    mandate: q.introduction.map((t, i) => need(t, `introduction[${i}]`)),
    contactIntro: s(c.introduction, 'contact.introduction'),
    contactFields: c.fields.map((f, i) => ({ key: f.key, label: need(f.label, `contact.fields[${i}].label`), kind: fieldKind(f.type, f.key), required: f.required })),
    returnInstructions: s(c.afterword, 'contact.afterword'),
    consent: consent && {
      prompt: need(consent.prompt, 'consent.prompt'),
      yesLabel: need(consent.options.find((o) => o.value === 'yes')?.label, 'consent yes'),
      noLabel: need(consent.options.find((o) => o.value === 'no')?.label, 'consent no'),
    },
    instructionsHeading: s(instructions?.heading, 'instructions.heading'),
    instructions: (instructions?.introduction ?? []).map((t, i) => need(t, `instructions.introduction[${i}]`)),
    clusters: clusters.map((sec) => {
      const where = `section "${sec.key ?? sec.label}"`;
      return compact({
        number: Number(sec.label),
        title: need(sec.heading, `${where}.heading`),
        objectives: sec.concerns?.objectives ?? [],
        heading: s(sec.preface, `${where}.preface`),
        questions: (sec.children as Item[]).map((child, i) => prose(child, `${where}.children[${i}]`)),
      });
    }),
    principlesQuestion: principles && compact({
      key: principles.key,
      prompt: need(principles.prompt, 'principles.prompt'),
      integratedLabel: s(principles.answerLabel, 'principles.answerLabel'),
      explanationLabel: s(principles.explanationLabel, 'principles.explanationLabel'),
    }),
    principles: (principles?.rows ?? []).map((r, i) => ({ key: r.key, title: need(r.text, `principles.rows[${i}]`) })),
    openQuestionsHeading: s(open?.heading, 'open-questions.heading'),
    openQuestions: ((open?.children ?? []) as Item[]).map((child, i) => prose(child, `open-questions.children[${i}]`)),
    closing: s(q.closing, 'closing'),
  });
  const parsed = Template.safeParse(draft);
  if (!parsed.success) throw new NotFixedSlots(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

function fieldKind(type: ContactItem['fields'][number]['type'], key: string): Template['contactFields'][number]['kind'] {
  if (type === 'url') throw new NotFixedSlots(`the contact field "${key}" is a url, which the fixed-slot model does not have`);
  return type;
}


/** The built-in questionnaire's own text as a fixed-slot template, per language; null when it is not of that shape. */
const builtinSlots = new Map<string, Template | null>();

function builtinIn(q: Questionnaire, language: string): Template | null {
  const key = `${q.id}\u0000${q.version}\u0000${language}`;
  if (!builtinSlots.has(key)) {
    let t: Template | null = null;
    try {
      t = toFixedSlots(localize(q, language));
    } catch {
      // The national report, the stakeholder questionnaire: no fixed-slot form to translate into.
    }
    builtinSlots.set(key, t);
  }
  return builtinSlots.get(key) ?? null;
}

/** A template's translation source: the built-in questionnaire it copies, and what the copy filled its placeholders with. */
interface Counterpart {
  q: Questionnaire;
  /** Placeholder name → the words the template has in its place (none when it is not filled yet). */
  filled: Map<string, string>;
}

const counterparts = new WeakMap<Template, Counterpart | null>();

/**
 * The built-in questionnaire of the same id whose text, in its default language, is the template's
 * (apac-2020 as it ships, a cycle's snapshot of it), or null. The template may have its
 * placeholders filled with a cycle's terms (the cycle's template): each placeholder then matches
 * whatever words stand in its place, and those words are kept, to fill the translation alike.
 * The meeting is the cycle's own when it has one, and is not compared.
 */
function counterpartOf(t: Template): Counterpart | null {
  let found = counterparts.get(t);
  if (found === undefined) {
    found = null;
    const q = builtinQuestionnaire(t.id);
    const own = q && builtinIn(q, q.language);
    if (q && own) {
      const filled = new Map<string, string>();
      // What a placeholder prints when no cycle fills it: its own words, else the template's meeting.
      const meeting: Record<string, string | undefined> = { 'meeting.name': own.meeting?.name, 'meeting.place': own.meeting?.place, 'meeting.dates': own.meeting?.dates };
      const unfilled = (name: string, words: string | undefined) => words ?? meeting[name];
      if (sameText({ ...own, meeting: undefined, version: 0 }, { ...t, meeting: undefined, version: 0 }, { filled, unfilled })) found = { q, filled };
    }
    counterparts.set(t, found);
  }
  return found;
}

interface Fill {
  filled: Map<string, string>;
  unfilled: (name: string, words: string | undefined) => string | undefined;
}

function sameText(own: unknown, theirs: unknown, filled: Fill): boolean {
  if (typeof own === 'string' && typeof theirs === 'string') return own === theirs || placeholdersMatch(own, theirs, filled);
  if (Array.isArray(own)) return Array.isArray(theirs) && own.length === theirs.length && own.every((v, i) => sameText(v, theirs[i], filled));
  if (own && typeof own === 'object') {
    if (!theirs || typeof theirs !== 'object' || Array.isArray(theirs)) return false;
    const a = own as Record<string, unknown>;
    const b = theirs as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => a[k] !== undefined || b[k] !== undefined));
    return [...keys].every((k) => sameText(a[k], b[k], filled));
  }
  return own === theirs;
}

/**
 * "by {deadline|31 August 2020}" against "by 31 August 2027": the same words around each
 * placeholder; what stands in its place is noted, unless it is what the placeholder prints when
 * no cycle fills it (the translation then prints its own words there).
 */
function placeholdersMatch(own: string, theirs: string, { filled, unfilled }: Fill): boolean {
  const names: [string, string | undefined][] = [];
  let source = '';
  let from = 0;
  for (const m of own.matchAll(PLACEHOLDER)) {
    source += escapeRegExp(own.slice(from, m.index)) + '([\\s\\S]*?)';
    names.push([m[1]!, m[2]]);
    from = m.index + m[0].length;
  }
  if (names.length === 0) return false;
  const m = new RegExp(`^${source}${escapeRegExp(own.slice(from))}$`).exec(theirs);
  if (!m) return false;
  return names.every(([name, words], i) => {
    const value = m[i + 1]!;
    if (value === unfilled(name, words)) return true;
    if (filled.has(name) && filled.get(name) !== value) return false;
    filled.set(name, value);
    return true;
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The languages a fixed-slot template can be printed in, its own first: each of its built-in
 * counterpart's (apac-2020: en, fr, ru) when its text is that questionnaire's own (see
 * counterpartOf); otherwise only its own, since a template whose words differ would be printed
 * in words it never said.
 */
export function fixedSlotLanguages(t: Template): string[] {
  const c = counterpartOf(t);
  return c ? [...new Set([t.language, ...languagesOf(c.q).filter((l) => builtinIn(c.q, l) !== null)])] : [t.language];
}

/**
 * The fixed-slot template with its text in `language`, or undefined when it has not that
 * language (fixedSlotLanguages). Id, version and a cycle's meeting stay the template's; filled
 * placeholders are filled with the same words; unfilled ones stay, for the cycle to fill.
 */
export function fixedSlotsIn(t: Template, language: string): Template | undefined {
  if (language === t.language) return t;
  const c = counterpartOf(t);
  const translated = c && fixedSlotLanguages(t).includes(language) ? builtinIn(c.q, language) : null;
  if (!c || !translated) return undefined;
  const own = builtinIn(c.q, c.q.language)!;
  const meeting = JSON.stringify(t.meeting) === JSON.stringify(own.meeting) ? translated.meeting : t.meeting;
  const fill = (text: string) => text.replace(PLACEHOLDER, (whole, name: string) => c.filled.get(name) ?? whole);
  const filled = c.filled.size ? (mapStrings(translated, fill) as Template) : translated;
  return compact({ ...filled, id: t.id, version: t.version, meeting });
}
