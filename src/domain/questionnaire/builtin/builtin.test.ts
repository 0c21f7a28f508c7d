import { test } from 'node:test';
import assert from 'node:assert/strict';
import apacData from '../../../../test/fixtures/apac-2020.fixed-slots.json' with { type: 'json' };
import { objectives } from '../../reference.ts';
import { parseTemplate } from '../../template.ts';
import { fromFixedSlots } from '../legacy.ts';
import { formWords, localize, missingTranslations, templateTexts } from '../localize.ts';
import { answeredItems, parseQuestionnaire, walk, type Questionnaire } from '../questionnaire.ts';
import { kinds, type Answer, type Item } from '../registry.ts';
import { ItemResponse, emptyResponse } from '../response.ts';
import { textIn } from '../text.ts';
import { errorsOf, validate } from '../validate.ts';
import apac2020 from './apac-2020.json' with { type: 'json' };
import { builtinQuestionnaire, builtinQuestionnaires } from './index.ts';
import { nationalReport } from './national-report.ts';
import { stakeholderQuestionnaire } from './stakeholder.ts';

const apac = builtinQuestionnaire('apac-2020')!;
const report = builtinQuestionnaire('imrf-national-report')!;
const stakeholders = builtinQuestionnaire('stakeholder-round-tables')!;

test('the three built-in questionnaires are valid templates of the item model', () => {
  for (const data of [apac2020, nationalReport, stakeholderQuestionnaire]) {
    const parsed = parseQuestionnaire(data);
    assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.problems));
  }
  assert.deepEqual(
    builtinQuestionnaires.map((q) => q.id),
    ['apac-2020', 'imrf-national-report', 'stakeholder-round-tables'],
  );
});

test('every kind of item appears in at least one built-in questionnaire', () => {
  const used = new Set(builtinQuestionnaires.flatMap((q) => walk(q).map((w) => w.item.kind)));
  assert.deepEqual(
    kinds.map((k) => k.kind).filter((k) => !used.has(k)),
    [],
  );
});

test('apac-2020 in English is its fixed slots (test/fixtures/apac-2020.fixed-slots.json) converted by fromFixedSlots, text for text', () => {
  const fixed = parseTemplate(apacData);
  assert.ok(fixed.ok);
  assert.deepEqual(localize(apac, 'en'), fromFixedSlots(fixed.value));
});

test('apac-2020 has every text in English, French and Russian, with the same placeholders in each', () => {
  assert.deepEqual(apac.languages, ['en', 'fr', 'ru']);
  assert.deepEqual(missingTranslations(apac), []);
  const placeholders = (s: string) => [...s.matchAll(/\{([A-Za-z.]+)/g)].map((m) => m[1]).join();
  for (const t of templateTexts(apac)) {
    const en = textIn(t.text, 'en', 'en');
    for (const lang of ['fr', 'ru']) assert.equal(placeholders(textIn(t.text, lang, 'en')), placeholders(en), `${lang} ${t.path.join('.')}`);
    assert.match(textIn(t.text, 'ru', 'en'), /\p{Script=Cyrillic}/u, `the Russian of "${en}" has no Russian in it`);
  }
});

test('localize gives apac-2020 in French and in Russian', () => {
  for (const [lang, title, principle, compact] of [
    ['fr', 'Examen volontaire du Pacte mondial sur les migrations', 'Prise en compte de l’intérêt de l’enfant', 'Pacte mondial pour des migrations sûres, ordonnées et régulières'],
    ['ru', 'Добровольный обзор ГДМ', 'Учет интересов детей', 'Глобального договора о безопасной, упорядоченной и легальной миграции'],
  ] as const) {
    const q = localize(apac, lang);
    assert.equal(q.language, lang);
    assert.equal(q.title, title);
    assert.deepEqual(missingTranslations(q), []);
    const five = q.items.find((i) => i.key === '5');
    assert.ok(five?.kind === 'checklist');
    assert.equal(five.rows.find((r) => r.key === 'child-sensitive')!.text, principle);
    assert.ok(String(q.subtitle).includes(compact), `${lang}: ${String(q.subtitle)}`);
    // No text is left as an object, and the form reads the same item by item as in English.
    assert.ok(templateTexts(q).every((t) => typeof t.text === 'string'));
    assert.deepEqual(
      walk(q).map((w) => w.number ?? w.item.key),
      walk(apac).map((w) => w.number ?? w.item.key),
    );
  }
  const consent = formWords(apac, 'ru').filter((w) => w.item === 'consent').map((w) => w.text);
  assert.deepEqual(consent.slice(1), ['Да', 'Нет']);
});

test('the national report asks a to d for each of the 23 objectives, generated from the reference data', () => {
  assert.deepEqual(missingTranslations(report), []);
  const objectiveSections = walk(report).filter((w) => w.item.kind === 'section' && w.item.key?.startsWith('objective-'));
  assert.equal(objectiveSections.length, objectives.length);
  for (const o of objectives) {
    const keys = answeredItems(report).filter((w) => w.concerns.objectives.join() === String(o.number));
    assert.deepEqual(
      keys.map((w) => w.number),
      ['a', 'b', 'c', 'd'].map((l) => `${o.number}${l}`),
    );
    assert.equal(keys[0]!.concerns.clusters.length, 1, `objective ${o.number} belongs to one round-table cluster`);
  }
  const twelve = walk(report).find((w) => w.item.key === 'objective-12')!.item;
  assert.ok(twelve.kind === 'section');
  assert.equal(textIn(twelve.heading!, 'en', 'en'), objectives[11]!.title);
  assert.match(textIn(twelve.heading!, 'fr', 'en'), /^Renforcer la prévisibilité/);
  const kindsUsed = new Set(walk(report).map((w) => w.item.kind));
  for (const k of ['contact', 'choice', 'section', 'prose', 'table', 'attachment']) assert.ok(kindsUsed.has(k as Item['kind']), k);
});

test('the stakeholder questionnaire: the organisation and its kind, one question per round table, consent', () => {
  assert.equal(stakeholders.respondentType, 'stakeholder');
  assert.deepEqual(missingTranslations(stakeholders), []);
  const items = answeredItems(stakeholders);
  assert.deepEqual(
    items.map((w) => `${w.item.kind} ${w.item.key}`),
    ['contact organisation', 'choice organisation-kind', 'prose round-table-1', 'prose round-table-2', 'prose round-table-3', 'prose round-table-4', 'choice consent'],
  );
  const kind = items[1]!.item;
  assert.ok(kind.kind === 'choice' && !kind.multiple);
  assert.deepEqual(
    kind.options.map((o) => o.value),
    ['civil-society', 'migrants-association', 'trade-union', 'employer', 'local-authority', 'academia', 'other'],
  );
  const consent = items.at(-1)!.item;
  assert.ok(consent.kind === 'choice' && consent.role === 'publication-consent');
  assert.deepEqual(items[3]!.concerns, { clusters: [2], objectives: [4, 8, 9, 10, 11, 13, 21] });
  assert.equal(
    textIn((items[2]!.item as { prompt: string }).prompt, 'fr', 'en'),
    'Table ronde 1 : Faire en sorte que les migrations soient volontaires, ordonnées et régulières (objectifs 2, 5, 6, 12 et 18).',
  );
});

/** A clean answer to any item, as a respondent would give it. */
function filled(item: Exclude<Item, { kind: 'section' }>, i: number): Answer {
  switch (item.kind) {
    case 'prose':
      return { kind: 'prose', paragraphs: [{ number: null, text: `An answer to ${item.key}.`, footnotes: i === 0 ? [1] : [] }] };
    case 'checklist':
      return { kind: 'checklist', rows: Object.fromEntries(item.rows.map((r) => [r.key, { value: 'yes' as const, explanation: `Because of ${r.key}.` }])) };
    case 'choice': {
      const option = item.options.find((o) => o.value === 'yes') ?? item.options.at(-1)!;
      return { kind: 'choice', selected: [option.value], specified: option.specify ? { [option.value]: 'A cooperative' } : {} };
    }
    case 'contact':
      return { kind: 'contact', fields: Object.fromEntries(item.fields.map((f) => [f.key, f.type === 'email' ? 'office@gov.example' : `The ${f.key}`])) };
    case 'table':
      return { kind: 'table', cells: Object.fromEntries(item.rows.map((r, ri) => [r.key, Object.fromEntries(item.columns.map((c, ci) => [c.key, c.type === 'number' ? ri * 10 + ci : 'text']))])), note: '' };
    case 'attachment':
      return { kind: 'attachment', attachments: [{ name: 'annex.pdf', mediaType: 'application/pdf' }] };
  }
}

function fill(q: Questionnaire): ItemResponse {
  const empty = emptyResponse(q);
  const proseFirst = answeredItems(q).findIndex((w) => w.item.kind === 'prose');
  return {
    ...empty,
    answers: Object.fromEntries(answeredItems(q).map((w, i) => [w.item.key, filled(w.item, i - proseFirst)])),
    footnotes: [{ number: 1, text: 'A source.', urls: [] }],
  };
}

test('each built-in: the empty response only warns, a filled one has no finding, and both survive JSON', () => {
  for (const q of builtinQuestionnaires) {
    const empty = emptyResponse(q);
    const warnings = validate(q, empty);
    assert.deepEqual(errorsOf(warnings), [], q.id);
    assert.equal(warnings.length >= answeredItems(q).length - 1, true, `${q.id}: every item but an optional one is pointed out`);
    const full = fill(q);
    assert.deepEqual(validate(q, full), [], q.id);
    for (const r of [empty, full]) assert.deepEqual(ItemResponse.parse(JSON.parse(JSON.stringify(r))), r, q.id);
    assert.deepEqual(validate(q, full, { lang: 'ru' }), []);
  }
});
