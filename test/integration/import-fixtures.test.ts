// The importer on three questionnaires of fictional States, each in a layout of its own: text
// extracted from a PDF, a Word document saved as text, and a partial, messy draft.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importDocument, type ImportResult } from '../../src/ingest/index.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';

const template = builtinTemplate('apac-2020')!;

async function load(name: string): Promise<ImportResult> {
  return importDocument(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)), name, template);
}

const numbersBy = (r: ImportResult) => Object.fromEntries(r.answers.map((a) => [a.question, a.paragraphs.map((p) => p.number)]));
const citations = (r: ImportResult) =>
  r.answers.flatMap((a) => a.paragraphs.flatMap((p, i) => p.footnotes.map((f) => `${f}:${a.question}/${p.number ?? `#${i}`}`)));
const paragraph = (r: ImportResult, n: number) => r.answers.flatMap((a) => a.paragraphs).find((p) => p.number === n)!;
const warning = (r: ImportResult, code: string) => r.import.warnings.filter((w) => w.code === code);

function accountsForEveryCharacter(r: ImportResult): void {
  const a = r.import.accounting;
  assert.equal(a.charsPlaced + a.charsTemplate + a.charsUnplaced, a.charsIn);
}

describe('Arvenia: text extracted from a PDF', async () => {
  const r = await load('arvenia-pdf.txt');

  it('reads the contact block, with values that go on over two lines', () => {
    assert.deepEqual(r.state, { iso3: 'XAA', name: 'Republic of Arvenia' });
    assert.equal(r.contact.title, 'Director-General for Migration Policy, Ministry of Labour and Social Affairs');
    assert.equal(r.contact.mailingAddress, '14 Harbour Row, Old Town, Velanor 2201, Republic of Arvenia');
    assert.equal(r.contact.email, 'i.marrow@labour.arvenia.example');
  });

  it('reads a "=Yes" whose box was lost as ticked, and says so', () => {
    assert.equal(r.consent, 'yes');
    assert.equal(warning(r, 'box-glyph-lost').length, 1);
    assert.equal(warning(r, 'box-glyph-lost')[0]!.line, 73);
  });

  it('puts the numbered paragraphs under their questions, across page breaks and footnote blocks', () => {
    assert.deepEqual(numbersBy(r), {
      '1a': [1, 2], '1b': [3, 4], '1c': [5], '1d': [6], '2a': [7], '2b': [8, 9], '2c': [10], '2d': [11],
      '3a': [12], '3b': [13], '3c': [14], '3d': [15], '4a': [16], '4b': [17, 18], '4c': [19], '4d': [20],
      '6': [null, null], '7': [null, null, null, null], '8': [null], '9': [null], '10': [null],
    });
    assert.match(paragraph(r, 2).text, /depend most on these transfers, which pay/);
    assert.match(paragraph(r, 1).text, /first year of the COVID-19 pandemic/);
    assert.match(paragraph(r, 4).text, /an evidence-based curriculum/);
    assert.match(paragraph(r, 2).text, /USD412\.5 million in 2021, about 6\.1 per cent .* \(Central Bank of Arvenia, 2022\)\. The average worker sent home USD3,150/);
    assert.match(paragraph(r, 3).text, /on 14 March 2019 .* Article 12 of the/);
    assert.equal(paragraph(r, 18).text.split('\n').slice(1).join('|'), '• fair recruitment;|• portability of social security;|• the return of migrant workers during crises.');
  });

  it('links each footnote to its marker, and joins a link broken across lines', () => {
    assert.deepEqual(citations(r), ['1:1a/1', '2:1a/2', '3:1b/4', '4:1d/6', '5:2b/9', '6:6/#0']);
    assert.equal(r.footnotes.length, 6);
    assert.deepEqual(r.footnotes[1]!.urls, ['https://www.centralbank.arvenia.example/publications/remittance-inflows-2022']);
    assert.ok(!r.answers.some((a) => a.paragraphs.some((p) => /Annual Statistics|https?:/.test(p.text))));
  });

  it('reads the principles, a lost "=no" included, and lettered items in the open answers', () => {
    const integrated = Object.fromEntries(r.principles.map((p) => [p.principle, p.integrated]));
    assert.equal(integrated['child-sensitive'], 'no');
    assert.equal(Object.values(integrated).filter((v) => v === 'yes').length, 9);
    assert.equal(r.principles[0]!.explanation, 'The resource centres are designed around the needs of migrants.');
    const seven = r.answers.find((a) => a.question === '7')!.paragraphs;
    assert.deepEqual(seven.map((p) => p.label ?? ''), ['', 'A', '', 'B']);
    assert.match(seven[3]!.text, /^Objective 17: .*evidence-based public discourse/);
  });

  it('leaves over only the closing word', () => {
    assert.deepEqual(r.import.unplaced, [{ line: 541, text: 'END' }]);
    assert.deepEqual(warning(r, 'prompt-not-found'), []);
    accountsForEveryCharacter(r);
  });
});

describe('Belmora: a Word document saved as text', async () => {
  const r = await load('belmora-word.txt');

  it('reads a contact table, ticked boxes and the consent', () => {
    assert.deepEqual(r.state, { iso3: 'XAB', name: 'Kingdom of Belmora' });
    assert.equal(r.contact.office, 'Office of the Commissioner for Migration, Ministry of the Interior');
    assert.equal(r.contact.telephone, '+998 4 310 2200');
    assert.equal(r.consent, 'yes');
    assert.deepEqual(warning(r, 'box-glyph-lost'), []);
  });

  it('reads each line as a paragraph, with a bulleted list kept inside its paragraph', () => {
    assert.deepEqual(
      r.answers.map((a) => a.paragraphs.length),
      [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    );
    const list = r.answers.find((a) => a.question === '1b')!.paragraphs[0]!.text.split('\n');
    assert.equal(list.length, 4);
    assert.ok(list.slice(1).every((l) => l.startsWith('•')));
  });

  it('finds the footnotes at the end and their markers, a year before a marker included', () => {
    assert.deepEqual(citations(r), ['1:1a/#0', '2:1d/#0', '3:9/#0']);
    assert.deepEqual(
      r.footnotes.map((f) => [f.number, f.urls.length]),
      [[1, 1], [2, 0], [3, 0]],
    );
    assert.match(r.answers.find((a) => a.question === '9')!.paragraphs[0]!.text, /in March 2022\.$/);
  });

  it('reads the principles table with its explanations', () => {
    const byKey = Object.fromEntries(r.principles.map((p) => [p.principle, p]));
    assert.deepEqual(byKey['gender-responsive'], { principle: 'gender-responsive', integrated: 'no', explanation: 'A gender review of the Act is planned for 2023.' });
    assert.equal(byKey['rule-of-law']!.explanation, 'Every refusal of a permit can be appealed to the administrative court.');
    assert.equal(r.principles.filter((p) => p.integrated === 'yes').length, 9);
  });

  it('places everything, and warns about nothing but the explanations the form asks for', () => {
    assert.deepEqual(r.import.unplaced, []);
    assert.deepEqual([...new Set(r.import.warnings.map((w) => w.code))], ['principle-without-explanation']);
    accountsForEveryCharacter(r);
  });
});

describe('Coralia: a partial, messy draft', async () => {
  const r = await load('coralia-messy.txt');

  it('does not guess the State from an unknown name, and says where the name is', () => {
    assert.equal(r.state, null);
    assert.deepEqual(warning(r, 'unknown-state').map((w) => w.line), [8]);
    assert.deepEqual(warning(r, 'empty-contact-field').map((w) => [w.field, w.line]), [['email', 12]]);
  });

  it('reads both consent boxes ticked as unanswered', () => {
    assert.equal(r.consent, 'unanswered');
    assert.deepEqual(warning(r, 'boxes-both-ticked').map((w) => w.line), [19]);
  });

  it('keeps the numbers as written and points at the gap', () => {
    assert.deepEqual(numbersBy(r)['1a'], [1, 2]);
    assert.deepEqual(numbersBy(r)['1b'], [4, 5]);
    assert.deepEqual(
      warning(r, 'paragraph-number-gap').map((w) => [w.question, w.paragraph, w.line]),
      [['1b', 4, 38]],
    );
  });

  it('reports a marker without footnote and a footnote never cited', () => {
    assert.deepEqual(citations(r), ['1:1a/1', '2:1a/2', '3:1b/5']);
    assert.deepEqual(
      r.footnotes.map((f) => f.number),
      [1, 2, 4],
    );
    assert.deepEqual(warning(r, 'marker-without-footnote').map((w) => [w.footnote, w.paragraph, w.line]), [[3, 5, 41]]);
    assert.deepEqual(warning(r, 'footnote-never-cited').map((w) => [w.footnote, w.line]), [[4, 46]]);
    assert.match(paragraph(r, 5).text, /by an employer on Coralia\.$/);
  });

  it('names the questions whose prompts are missing, and leaves their answers empty', () => {
    const missing = ['1d', '2c', '2d', '3a', '3b', '3c', '3d', '4a', '4b', '4c', '4d', '7', '8', '9'];
    assert.deepEqual(warning(r, 'prompt-not-found').map((w) => w.question), missing);
    assert.deepEqual(warning(r, 'missing-answer').map((w) => w.question), missing);
    assert.deepEqual(r.answers.find((a) => a.question === '1c')!.paragraphs.map((p) => p.text), ['Relocated families still lack land titles on the main island.']);
  });

  it('reads the principles that are there and leaves the others unanswered', () => {
    assert.deepEqual(
      r.principles.filter((p) => p.integrated !== 'unanswered').map((p) => [p.principle, p.integrated, p.explanation]),
      [
        ['people-centred', 'yes', 'Families choose their new homes.'],
        ['international-cooperation', 'yes', ''],
      ],
    );
    assert.equal(warning(r, 'principle-unanswered').length, 8);
    assert.deepEqual(r.import.unplaced, []);
    accountsForEveryCharacter(r);
  });
});
