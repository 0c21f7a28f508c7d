import { test } from 'node:test';
import assert from 'node:assert/strict';
import apacData from '../../test/fixtures/apac-2020.fixed-slots.json' with { type: 'json' };
import { fillPlaceholders, printedDate, unknownPlaceholders } from './placeholders.ts';
import { fillQuestionnairePlaceholders } from './questionnaire/placeholders.ts';
import { Questionnaire } from './questionnaire/questionnaire.ts';
import { Template } from './template.ts';

const apac = Template.parse(apacData);
const cycle2027 = {
  region: 'escap',
  meeting: { name: 'Asia-Pacific Regional Review 2027', place: 'Geneva', dates: '2-4 March 2027' },
  deadline: '2027-01-31',
  returnAddresses: ['review@commission.example', 'network@commission.example', 'copy@ministry.example'],
};

test('without a cycle, apac-2020 prints the words of the 2020 form exactly', () => {
  const blank = fillPlaceholders(apac);
  assert.equal(
    blank.returnInstructions,
    'Please return the completed survey to the ESCAP secretariat by 31 August 2020, preferably by email (escap-sdd@un.org) with a copy to the Regional Network on Migration for Asia and the Pacific (UNRNAP-regreviews@iom.int). Any queries can be forwarded to these same addresses.',
  );
  assert.ok(
    blank.mandate[1]!.includes(
      'The results will inform the preparation of the Asia-Pacific Regional Review of Implementation of the Global Compact for Safe, Orderly and Regular Migration to be held at the United Nations Economic and Social Commission for Asia and the Pacific (ESCAP) in Bangkok from 18 to 20 November 2020, the preparation of the 2020 Asia-Pacific Migration Report',
    ),
    blank.mandate[1],
  );
  assert.deepEqual(blank.meeting, apac.meeting);
  assert.doesNotMatch(JSON.stringify(blank), /\{(meeting\.\w+|deadline|returnTo|copyTo|commission)[}|]/, 'no placeholder is left');
});

test("for a cycle, the text names the cycle's meeting, deadline, addresses and commission", () => {
  const filled = fillPlaceholders(apac, cycle2027);
  assert.equal(
    filled.returnInstructions,
    'Please return the completed survey to the ESCAP secretariat by 31 January 2027, preferably by email (review@commission.example) with a copy to the Regional Network on Migration for Asia and the Pacific (network@commission.example, copy@ministry.example). Any queries can be forwarded to these same addresses.',
  );
  assert.match(filled.mandate[1]!, /preparation of the Asia-Pacific Regional Review 2027 to be held at .* \(ESCAP\) in Geneva 2-4 March 2027, the preparation/);
  assert.deepEqual(filled.meeting, cycle2027.meeting);
  assert.deepEqual(fillPlaceholders(filled), filled, 'filling a filled template changes nothing');
});

test("a term the cycle does not set keeps the template's words", () => {
  const filled = fillPlaceholders(apac, { region: 'ece', meeting: null, deadline: '2027-05-01', returnAddresses: [] });
  assert.match(filled.returnInstructions!, /^Please return the completed survey to the ECE secretariat by 1 May 2027, preferably by email \(escap-sdd@un\.org\) with a copy to .*\(UNRNAP-regreviews@iom\.int\)/);
  assert.match(filled.mandate[1]!, /in Bangkok from 18 to 20 November 2020/);
  assert.deepEqual(filled.meeting, apac.meeting);
});

test('a placeholder without words or value stays as written; text without braces is left alone', () => {
  const t = Template.parse({ ...apacData, id: 'x-test', meeting: undefined, returnInstructions: 'By {deadline}, at {meeting.place}: {not a placeholder}.' });
  assert.equal(fillPlaceholders(t).returnInstructions, 'By {deadline}, at {meeting.place}: {not a placeholder}.');
  assert.equal(fillPlaceholders(t, cycle2027).returnInstructions, 'By 31 January 2027, at Geneva: {not a placeholder}.');
});

test('an unknown placeholder is named with where it is; the built-in template has none', () => {
  assert.deepEqual(unknownPlaceholders(apacData), []);
  const problems = unknownPlaceholders({ ...apacData, returnInstructions: 'By {deadlin|31 August}.', mandate: ['At {meeting.venue}.'] });
  assert.deepEqual(
    problems.map((p) => [p.path, p.message.slice(0, p.message.indexOf(';'))]),
    [
      ['mandate[0]', '"{meeting.venue}" is not a placeholder'],
      ['returnInstructions', '"{deadlin}" is not a placeholder'],
    ],
  );
  assert.match(problems[0]!.message, /the placeholders are \{meeting\.name\}, \{meeting\.place\}, \{meeting\.dates\}, \{deadline\}, \{returnTo\}, \{copyTo\}, \{commission\}$/);
});

test('dates are printed as the form prints them', () => {
  assert.equal(printedDate('2027-08-31'), '31 August 2027');
  assert.equal(printedDate('2027-01-05'), '5 January 2027');
  assert.equal(printedDate('soon'), 'soon');
});

test('fillQuestionnairePlaceholders fills every text of an item-model template, in each of its languages', () => {
  const q = Questionnaire.parse({
    id: 'arvenia-items',
    title: { en: 'Review for {meeting.name}', fr: 'Examen pour {meeting.name}' },
    languages: ['en', 'fr'],
    meeting: { name: { en: 'Arvenia Forum', fr: 'Forum d’Arvenie' } },
    items: [
      { kind: 'contact', key: 'contact', fields: [{ key: 'name', label: 'Name' }], afterword: { en: 'Return it by {deadline|30 June 2030} to {returnTo}.', fr: 'Renvoyez-le avant le {deadline|30 juin 2030} à {returnTo}.' } },
      { kind: 'section', label: '1', heading: 'For {commission|the commission}', children: [{ kind: 'prose', key: '1a', label: 'a', prompt: 'What changed before {deadline}?' }] },
    ],
  });
  const blank = fillQuestionnairePlaceholders(q);
  assert.deepEqual(blank.title, { en: 'Review for Arvenia Forum', fr: 'Examen pour Forum d’Arvenie' }, "each language falls back to the template's meeting in that language");
  const contact = blank.items[0] as { afterword: Record<string, string> };
  assert.deepEqual(contact.afterword, { en: 'Return it by 30 June 2030 to {returnTo}.', fr: 'Renvoyez-le avant le 30 juin 2030 à {returnTo}.' }, 'a placeholder with no words stays as written');
  const filled = fillQuestionnairePlaceholders(q, cycle2027);
  assert.deepEqual(filled.title, { en: 'Review for Asia-Pacific Regional Review 2027', fr: 'Examen pour Asia-Pacific Regional Review 2027' });
  assert.equal((filled.items[0] as { afterword: Record<string, string> }).afterword.fr, 'Renvoyez-le avant le 31 January 2027 à review@commission.example.');
  const section = filled.items[1] as unknown as { heading: string; children: { prompt: string }[] };
  assert.equal(section.heading, 'For ESCAP');
  assert.equal(section.children[0]!.prompt, 'What changed before 31 January 2027?');
  assert.deepEqual(filled.meeting, cycle2027.meeting, "the cycle's meeting");
  assert.deepEqual(q.title, { en: 'Review for {meeting.name}', fr: 'Examen pour {meeting.name}' }, 'the template itself is left as it was');
  assert.deepEqual(unknownPlaceholders({ ...q, closing: { en: 'By {dedline}', fr: 'Avant {deadline}' } }), [
    { path: 'closing.en', message: '"{dedline}" is not a placeholder; the placeholders are {meeting.name}, {meeting.place}, {meeting.dates}, {deadline}, {returnTo}, {copyTo}, {commission}' },
  ]);
});
