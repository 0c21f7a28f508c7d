// The format readers on the fictional Arvenia questionnaire as three producers wrote it: our
// DOCX export, the same document re-saved by LibreOffice (its own numbering and footnote parts),
// and LibreOffice's PDF of it. Each must give the lines a person reads: numbers 1-47 continued
// across questions, footnote markers and texts, ticked boxes, contact and principles rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { marker } from '../../src/ingest/source.ts';
import { readDocx } from '../../src/ingest/readers/docx.ts';
import { readPdf } from '../../src/ingest/readers/pdf.ts';
import { demoDocx, demoDocxFromLibreOffice, demoPdf, demoResponse, expectedFirstLine, formTemplate } from '../fixtures/docs/arvenia.ts';
import { convert, needOffice } from '../support/office.ts';

const response = demoResponse('arvenia');
const template = formTemplate();
const numbered = response.answers.flatMap((a) => a.paragraphs).filter((p) => p.number !== null);
const footnoteTexts = response.footnotes.map((f) => [f.text, ...f.urls.filter((u) => !f.text.includes(u))].join(' '));

/** Lines in the order given, each found after the one before. */
function assertInOrder(lines: string[], expected: string[], what: string) {
  let at = 0;
  for (const e of expected) {
    const i = lines.indexOf(e, at);
    assert.ok(i >= 0, `${what}: missing or out of order: ${e}`);
    at = i + 1;
  }
}

function assertWordLines(lines: string[], what: string) {
  assertInOrder(lines, numbered.map((p) => expectedFirstLine(p, marker)), what);
  assert.ok(lines.includes('Country: Republic of Arvenia'), `${what}: contact row`);
  assert.ok(lines.includes(`E-mail: ${response.contact.email}`), `${what}: contact row`);
  assert.ok(lines.some((l) => /in this regard\. ☒=Yes ☐=No$/.test(l)), `${what}: consent boxes`);
  for (const p of response.principles) {
    const title = template.principles.find((x) => x.key === p.principle)!.title;
    const boxes = p.integrated === 'yes' ? '☒=yes ☐=no' : p.integrated === 'no' ? '☐=yes ☒=no' : '☐=yes ☐=no';
    assert.ok(lines.includes(`${title} | ${boxes} | ${p.explanation}`.trimEnd()), `${what}: principle row ${title}`);
  }
  assert.ok(lines.includes('1. Ensuring that migration is voluntary, orderly and regular'), `${what}: cluster heading`);
  assert.ok(lines.some((l) => l.startsWith('Answer: ')), `${what}: open answers`);
}

test('our DOCX export reads back line for line', async () => {
  const doc = await readDocx(await demoDocx());
  assertWordLines(doc.lines, 'our DOCX');
  assert.deepEqual(doc.footnotes, footnoteTexts.map((text, i) => ({ number: i + 1, text })));
});

test('the same document written by LibreOffice reads back the same', async (t) => {
  if (!needOffice(t)) return;
  const doc = await readDocx(await demoDocxFromLibreOffice());
  assertWordLines(doc.lines, 'LibreOffice DOCX');
  assert.deepEqual(doc.footnotes?.map((f) => f.text), footnoteTexts);
});

test('LibreOffice PDF: numbered paragraphs, sure footnote markers, footnote lines, boxes', async (t) => {
  if (!needOffice(t)) return;
  const doc = await readPdf(await demoPdf());
  const lines = doc.lines;
  // Each numbered paragraph starts a line with its number and first words, in order.
  let at = 0;
  for (const p of numbered) {
    const start = `${p.number}. ${p.text.split(' ').slice(0, 3).join(' ')}`;
    const i = lines.findIndex((l, k) => k >= at && l.startsWith(start));
    assert.ok(i >= 0, `PDF: paragraph missing or out of order: ${start}`);
    at = i + 1;
  }
  const text = lines.join('\n');
  const markers = [...text.matchAll(/\u27E6fn:(\d+)\u27E7/g)].map((m) => Number(m[1]));
  assert.deepEqual(markers, response.footnotes.map((f) => f.number), 'every footnote marker, in order');
  for (const f of response.footnotes) assert.ok(lines.some((l) => l.startsWith(`${f.number} ${f.text.slice(0, 30)}`)), `footnote line ${f.number}`);
  assert.ok(lines.includes('Country:  Republic of Arvenia'));
  assert.ok(lines.some((l) => /^People-centred {2}☒=yes ☐=no {2}Policies/.test(l)));
  assert.match(text, /☒=Yes\n☐=No|☒=Yes ☐=No/);
});

test('LibreOffice opens our DOCX: its own text export has our numbers, boxes and answers', async (t) => {
  if (!needOffice(t)) return;
  const text = readFileSync(await convert(await demoDocx(), 'txt'), 'utf8');
  const first = numbered[0]!;
  assert.match(text, new RegExp(`^\\s*1\\. ${first.text.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  assert.match(text, new RegExp(`^\\s*${numbered.at(-1)!.number}\\. `, 'm'));
  assert.match(text, /☒=yes ☐=no/);
  assert.match(text, /Republic of Arvenia/);
});
