import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuestionnaire, walk, itemName, type Questionnaire, type QuestionnaireInput } from './questionnaire.ts';
import { ItemResponse, emptyResponse, type ItemResponseInput } from './response.ts';
import { errorsOf, validate } from './validate.ts';
import { formWords, localize, missingTranslations } from './localize.ts';
import { kinds } from './registry.ts';

/** A small questionnaire with one item of every kind. */
function mini(overrides: Partial<QuestionnaireInput> = {}): Questionnaire {
  const parsed = parseQuestionnaire({
    id: 'mini',
    title: { en: 'A small questionnaire', fr: 'Un petit questionnaire' },
    languages: ['en', 'fr'],
    items: [
      {
        kind: 'contact',
        key: 'contact',
        fields: [
          { key: 'country', label: { en: 'Country', fr: 'Pays' }, type: 'country' },
          { key: 'email', label: { en: 'E-mail', fr: 'Courriel' }, type: 'email' },
          { key: 'fax', label: 'Fax', required: false },
        ],
      },
      {
        kind: 'choice',
        key: 'consent',
        role: 'publication-consent',
        prompt: { en: 'May we publish your report?', fr: 'Pouvons-nous publier votre rapport ?' },
        options: [
          { value: 'yes', label: { en: 'Yes', fr: 'Oui' } },
          { value: 'no', label: { en: 'No', fr: 'Non' } },
        ],
      },
      {
        kind: 'section',
        label: '1',
        heading: { en: 'Regular pathways', fr: 'Voies de migration régulière' },
        concerns: { clusters: [1], objectives: [5] },
        children: [
          { kind: 'prose', key: '1a', label: 'a', prompt: { en: 'Trends?', fr: 'Tendances ?' }, wordGuidance: 10 },
          { kind: 'prose', key: '1b', label: 'b', prompt: { en: 'Actions?', fr: 'Mesures ?' }, concerns: { objectives: [6] } },
        ],
      },
      {
        kind: 'checklist',
        key: '5',
        label: '5',
        role: 'guiding-principles',
        prompt: { en: 'Which principles?', fr: 'Quels principes ?' },
        rows: [
          { key: 'human-rights', text: { en: 'Human rights', fr: "Droits de l'homme" } },
          { key: 'child-sensitive', text: { en: 'Child-sensitive', fr: "Prise en compte de l'intérêt de l'enfant" } },
        ],
      },
      {
        kind: 'choice',
        key: 'kind',
        multiple: true,
        prompt: { en: 'Who are you?', fr: 'Qui êtes-vous ?' },
        options: [
          { value: 'ngo', label: { en: 'Civil society', fr: 'Société civile' } },
          { value: 'other', label: { en: 'Other', fr: 'Autre' }, specify: true },
        ],
      },
      {
        kind: 'table',
        key: 'figures',
        prompt: { en: 'Figures by year', fr: 'Chiffres par année' },
        columns: [
          { key: 'y2021', label: '2021' },
          { key: 'source', label: { en: 'Source', fr: 'Source' }, type: 'text' },
        ],
        rows: [{ key: 'budget', label: { en: 'Budget', fr: 'Budget' } }],
      },
      { kind: 'attachment', key: 'annexes', prompt: { en: 'Annexes', fr: 'Annexes' }, multiple: false, required: true },
    ],
    ...overrides,
  });
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.problems));
  return parsed.value;
}

const codes = (q: Questionnaire, r: ItemResponseInput) => validate(q, ItemResponse.parse(r)).map((f) => `${f.severity} ${f.code}${f.item ? ` ${f.item}` : ''}${f.row ?? f.field ?? f.option ?? ''}`);

test('the mini questionnaire has one item of every registered kind', () => {
  const used = new Set(walk(mini()).map((w) => w.item.kind));
  assert.deepEqual([...used].sort(), kinds.map((k) => k.kind).sort());
});

test('the walker gives items in form order with their numbers and the objectives they inherit', () => {
  const placed = walk(mini());
  assert.deepEqual(
    placed.map((w) => [w.item.kind, w.item.key ?? null, w.number ?? null, w.path.join('.')]),
    [
      ['contact', 'contact', null, 'items.0'],
      ['choice', 'consent', null, 'items.1'],
      ['section', null, '1', 'items.2'],
      ['prose', '1a', '1a', 'items.2.children.0'],
      ['prose', '1b', '1b', 'items.2.children.1'],
      ['checklist', '5', '5', 'items.3'],
      ['choice', 'kind', null, 'items.4'],
      ['table', 'figures', null, 'items.5'],
      ['attachment', 'annexes', null, 'items.6'],
    ],
  );
  const [, , , a, b, five] = placed;
  assert.deepEqual(a!.concerns, { clusters: [1], objectives: [5] });
  assert.deepEqual(b!.concerns, { clusters: [1], objectives: [6] }, 'an item\'s own objectives win over its section\'s');
  assert.equal(itemName(a!), '1a');
  assert.equal(itemName(five!), 'question 5');
  assert.equal(itemName(placed[0]!), 'the contact block');
});

test('a template is refused naming each bad field, wherever it is in the tree', () => {
  const parsed = parseQuestionnaire({
    id: 'bad',
    title: 'Bad',
    language: 'en',
    languages: ['fr'],
    items: [
      { kind: 'section', heading: 'One', children: [{ kind: 'prose', key: 'q1', prompt: 'First?' }, { kind: 'prose', key: 'q1', prompt: '' }] },
      { kind: 'choice', key: 'consent', role: 'publication-consent', prompt: 'Publish?', options: [{ value: 'ok', label: 'OK' }] },
      { kind: 'checklist', key: 'p', role: 'guiding-principles', prompt: 'Principles?', rows: [{ key: 'kindness', text: 'Kindness' }] },
      { kind: 'table', key: 't', prompt: 'T', columns: [{ key: 'c', label: 'C' }, { key: 'c', label: 'D' }], rows: [{ key: 'r', label: 'R' }] },
      { kind: 'poll', key: 'x' },
      { kind: 'prose', key: 'q2', prompt: { en: 'Hi', xx_1: 'bad' } },
    ],
  });
  assert.ok(!parsed.ok);
  const problems = parsed.problems.map((p) => `${p.path}: ${p.message}`);
  const expect = [
    /^items\[0\]\.children\[1\]\.prompt: /,
    /^items\[4\]\.kind: /,
    /^items\[5\]\.prompt/,
  ];
  for (const e of expect) assert.ok(problems.some((p) => e.test(p)), `${e} not in ${problems.join('\n')}`);
  // Rules beyond the schema run only on a template that has the right shape; checked on their own:
  const rules = parseQuestionnaire({
    id: 'bad',
    title: 'Bad',
    languages: ['fr'],
    items: [
      { kind: 'section', heading: 'One', children: [{ kind: 'prose', key: 'q1', prompt: 'First?' }, { kind: 'prose', key: 'q1', prompt: 'Again?' }] },
      { kind: 'choice', key: 'consent', role: 'publication-consent', prompt: 'Publish?', options: [{ value: 'ok', label: 'OK' }] },
      { kind: 'checklist', key: 'p', role: 'guiding-principles', prompt: 'Principles?', rows: [{ key: 'kindness', text: 'Kindness' }] },
      { kind: 'table', key: 't', prompt: 'T', columns: [{ key: 'c', label: 'C' }, { key: 'c', label: 'D' }], rows: [{ key: 'r', label: 'R' }] },
    ],
  });
  assert.ok(!rules.ok);
  assert.deepEqual(
    rules.problems.map((p) => p.path),
    ['items[0].children[1].key', 'items[1].options', 'items[2].rows[0].key', 'items[3].columns[1].key', 'languages'],
  );
  assert.equal(rules.problems.at(-1)!.message, 'the default language "en" must be one of the languages');
  assert.match(rules.problems[0]!.message, /the key "q1" is used twice \(first at items\[0\]\.children\[0\]\)/);
});

test('an empty response has every answered item and only warnings: nothing in it refuses a save', () => {
  const q = mini();
  const r = emptyResponse(q);
  assert.deepEqual(ItemResponse.parse(r), r);
  // An object keeps keys that look like numbers first: the answer map is not in form order (walk() is).
  assert.deepEqual(Object.keys(r.answers).sort(), ['1a', '1b', '5', 'annexes', 'consent', 'contact', 'figures', 'kind']);
  const findings = validate(q, r);
  assert.deepEqual(errorsOf(findings), []);
  assert.deepEqual(
    findings.map((f) => f.code),
    ['empty-contact-field', 'empty-contact-field', 'consent-unanswered', 'missing-answer', 'missing-answer', 'row-unanswered', 'row-unanswered', 'choice-unanswered', 'missing-answer', 'missing-attachment'],
  );
});

test('each kind tells errors (refuse) from warnings (inform)', () => {
  const q = mini();
  const found = codes(q, {
    templateId: 'mini',
    answers: {
      contact: { kind: 'contact', fields: { country: 'Arvenia', email: 'not an address', telex: '123' } },
      consent: { kind: 'choice', selected: ['maybe'] },
      '1a': { kind: 'prose', paragraphs: [{ text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen', footnotes: [2] }] },
      '1b': { kind: 'table', cells: {} },
      '5': { kind: 'checklist', rows: { 'human-rights': { value: 'yes' }, 'child-sensitive': { value: 'no', explanation: 'Not yet.' }, kindness: { value: 'yes' } } },
      kind: { kind: 'choice', selected: ['other', 'other'], specified: { ngo: 'words' } },
      figures: { kind: 'table', cells: { budget: { y2021: 'about a million', source: 'Ministry', y1999: 3 }, staff: { y2021: 4 } } },
      annexes: { kind: 'attachment', attachments: [{ name: 'a.pdf' }, { name: 'b.pdf' }] },
      '9': { kind: 'prose', paragraphs: [] },
    },
    footnotes: [
      { number: 1, text: 'A source.' },
      { number: 1, text: 'Again.' },
    ],
  });
  assert.deepEqual(found, [
    'warning invalid-email contactemail',
    'error unknown-field contacttelex',
    'error unknown-option consentmaybe',
    'warning over-word-guidance 1a',
    'error wrong-kind 1b',
    'warning row-without-explanation 5human-rights',
    'error unknown-row 5kindness',
    'warning option-not-specified kindother',
    'error option-repeated kindother',
    'warning specified-not-chosen kindngo',
    'error not-a-number figuresbudget',
    'error unknown-column figuresbudget',
    'error unknown-row figuresstaff',
    'error too-many-attachments annexes',
    'error unknown-item 9',
    'error duplicate-footnote',
    'error marker-without-footnote 1a',
    'warning footnote-never-cited',
  ]);
});

test('a single choice with two options chosen is refused; a consent of "yes" is a clean answer', () => {
  const q = mini();
  const base = emptyResponse(q);
  const two = codes(q, { ...base, answers: { ...base.answers, consent: { kind: 'choice', selected: ['yes', 'no'] } } });
  assert.ok(two.includes('error several-options consent'));
  const yes = codes(q, { ...base, answers: { ...base.answers, consent: { kind: 'choice', selected: ['yes'] } } });
  assert.ok(!yes.some((c) => c.includes(' consent')), yes.join('\n'));
});

test('messages quote the form in the language asked for, falling back to the default', () => {
  const q = mini();
  const fr = validate(q, emptyResponse(q), { lang: 'fr' });
  assert.equal(fr.find((f) => f.code === 'row-unanswered')!.message, '"Droits de l\'homme" (question 5) is not marked yes or no.');
  assert.match(fr.find((f) => f.code === 'consent-unanswered')!.message, /"Oui" or "Non"/);
  const ru = validate(q, emptyResponse(q), { lang: 'ru' });
  assert.match(ru.find((f) => f.code === 'consent-unanswered')!.message, /"Yes" or "No"/);
});

test('localize gives every text in one language, with the default where a translation is missing', () => {
  const q = mini();
  const fr = localize(q, 'fr');
  assert.equal(fr.title, 'Un petit questionnaire');
  assert.equal(fr.language, 'fr');
  assert.deepEqual(fr.languages, ['fr']);
  const contact = fr.items[0]!;
  assert.ok(contact.kind === 'contact');
  assert.deepEqual(
    contact.fields.map((f) => f.label),
    ['Pays', 'Courriel', 'Fax'],
  );
  const section = fr.items[2]!;
  assert.ok(section.kind === 'section');
  assert.equal(section.heading, 'Voies de migration régulière');
  // The template is not changed.
  assert.deepEqual(q.title, { en: 'A small questionnaire', fr: 'Un petit questionnaire' });
  // A language the template is not offered in gives the default language.
  assert.equal(localize(q, 'ru').title, 'A small questionnaire');
  assert.equal(localize(q, 'ru').language, 'en');
  assert.deepEqual(missingTranslations(fr), []);
});

test('missingTranslations names each text a claimed language lacks; numbers and placeholders need none', () => {
  const q = mini();
  assert.deepEqual(missingTranslations(q), [{ path: 'items[0].fields[2].label', item: 'contact', text: 'Fax', missing: ['fr'] }]);
  const more = mini({ languages: ['en', 'fr', 'ru'], closing: '{meeting.name}' });
  const missing = missingTranslations(more);
  // Title, 3 contact labels, consent prompt and 2 options, heading, 2 prompts, checklist prompt and 2 rows,
  // choice prompt and 2 options, table prompt, 1 column and 1 row label (not "2021"), annexes prompt.
  assert.equal(missing.length, 20);
  assert.ok(missing.every((m) => m.missing.includes('ru')));
  assert.ok(!missing.some((m) => m.path === 'closing' || m.text === '2021'));
});

test('formWords gives the words an importer looks for, in each language, in form order', () => {
  const q = mini();
  const fr = formWords(q, 'fr').filter((w) => w.role === 'marker');
  assert.deepEqual(
    fr.map((w) => [w.item ?? null, w.text]),
    [
      [null, 'Un petit questionnaire'],
      ['consent', 'Pouvons-nous publier votre rapport ?'],
      [null, 'Voies de migration régulière'],
      ['1a', 'Tendances ?'],
      ['1b', 'Mesures ?'],
      ['5', 'Quels principes ?'],
      ['kind', 'Qui êtes-vous ?'],
      ['figures', 'Chiffres par année'],
      ['annexes', 'Annexes'],
    ],
  );
  assert.ok(formWords(q, 'fr').some((w) => w.item === '5' && w.text === "Prise en compte de l'intérêt de l'enfant" && w.path === 'items[3].rows[1].text'));
});
