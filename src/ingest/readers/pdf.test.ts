import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimalPdf, type PdfText } from '../../../test/fixtures/docs/minimal-pdf.ts';
import { importLimits } from '../limits.ts';
import { ImportError } from '../source.ts';
import { readPdf } from './pdf.ts';

const code = (c: string) => (err: unknown) => err instanceof ImportError && err.code === c;

test('pieces on one baseline form a line, left to right; wide gaps become two spaces; paragraph gaps a blank line', async () => {
  const page: PdfText[] = [
    { text: 'Republic of Arvenia', x: 200, y: 760 },
    { text: 'Country:', x: 72, y: 760 },
    { text: 'First line of a paragraph', x: 72, y: 730 },
    { text: 'and its second line.', x: 72, y: 717 },
    { text: 'A new paragraph.', x: 72, y: 690 },
  ];
  const doc = await readPdf(minimalPdf([page]));
  assert.equal(doc.format, 'pdf');
  assert.deepEqual(doc.lines, ['Country:  Republic of Arvenia', '', 'First line of a paragraph', 'and its second line.', '', 'A new paragraph.']);
});

test('a raised small number glued to a word is a footnote marker when that footnote exists; its own number keeps a space', async () => {
  const page: PdfText[] = [
    { text: 'Saudi Arabia.', x: 72, y: 700 },
    { text: '1', x: 139.3, y: 704, size: 7 },
    { text: 'More text.', x: 150, y: 700 },
    { text: 'An area of 40 km', x: 72, y: 687 },
    { text: '2', x: 158.2, y: 691, size: 7 },
    { text: '1', x: 72, y: 104, size: 6 },
    { text: 'Ministry of Labour, Annual Report 2019.', x: 76, y: 100, size: 9 },
    { text: '12', x: 290, y: 40, size: 9 },
  ];
  const doc = await readPdf(minimalPdf([page]));
  assert.deepEqual(doc.lines, ['Saudi Arabia.\u27E6fn:1\u27E7 More text.', 'An area of 40 km2', '', '', '', '1 Ministry of Labour, Annual Report 2019.', '', '', '', '12']);
});

test('blank lines follow the line spacing of the whole document: a text printed with an empty line after each line', async () => {
  // Every line of the text is followed by an empty one (26 apart); long lines wrap (13 apart). The
  // second page has more single distances than double ones, the first more double ones: both read alike.
  const page1: PdfText[] = [
    { text: 'First line of the text,', x: 72, y: 760 },
    { text: 'second line,', x: 72, y: 734 },
    { text: 'third line, which wraps', x: 72, y: 708 },
    { text: 'here,', x: 72, y: 695 },
    { text: 'fourth line.', x: 72, y: 669 },
    { text: 'After a wider gap.', x: 72, y: 617 },
  ];
  const page2: PdfText[] = [
    { text: 'A page that begins', x: 72, y: 734 },
    { text: 'two lines lower,', x: 72, y: 721 },
    { text: 'wraps and', x: 72, y: 708 },
    { text: 'wraps again.', x: 72, y: 695 },
    { text: 'Next line.', x: 72, y: 669 },
  ];
  const doc = await readPdf(minimalPdf([page1, page2]));
  assert.deepEqual(doc.lines, [
    'First line of the text,', '', 'second line,', '', 'third line, which wraps', 'here,', '', 'fourth line.', '', '', '', 'After a wider gap.',
    '', '', 'A page that begins', 'two lines lower,', 'wraps and', 'wraps again.', '', 'Next line.',
  ]);
});

test('pages follow each other, headers, footers and page numbers included', async () => {
  const page = (n: number): PdfText[] => [
    { text: 'Voluntary GCM Review', x: 72, y: 800, size: 9 },
    { text: `Text of page ${n}.`, x: 72, y: 700 },
    { text: String(n), x: 290, y: 40, size: 9 },
  ];
  const doc = await readPdf(minimalPdf([page(1), page(2)]));
  assert.deepEqual(doc.lines.filter((l) => l !== ''), ['Voluntary GCM Review', 'Text of page 1.', '1', 'Voluntary GCM Review', 'Text of page 2.', '2']);
});

test('a password-protected PDF is refused as such', async () => {
  const pdf = minimalPdf([[{ text: 'Secret answers', x: 72, y: 700 }]], { userPassword: 'arvenia' });
  await assert.rejects(readPdf(pdf), (e: unknown) => code('encrypted')(e) && /password-protected/.test((e as Error).message));
});

test('a PDF of page images is refused: it has no text layer', async () => {
  await assert.rejects(readPdf(minimalPdf([[], []], { imageOnly: true })), (e: unknown) => code('no-text')(e) && /no text layer \(scanned\?\)/.test((e as Error).message));
});

test('a page without text among pages with text is reported, not refused', async () => {
  const doc = await readPdf(minimalPdf([[{ text: 'Answers.', x: 72, y: 700 }], []]));
  assert.deepEqual(doc.readerWarnings, ['Page 2 of the PDF has no text (scanned images?): check nothing is missing.']);
});

test('refuses what is not a PDF, a damaged PDF, and too many pages', async () => {
  await assert.rejects(readPdf(new TextEncoder().encode('plain text, not a PDF')), code('unsupported-type'));
  await assert.rejects(readPdf(new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage')), (e: unknown) => e instanceof ImportError && ['damaged', 'no-text'].includes(e.code));
  const pages = Array.from({ length: 3 }, () => [{ text: 'x', x: 72, y: 700 }]);
  await assert.rejects(readPdf(minimalPdf(pages), { limits: importLimits({ maxPdfPages: 2 }) }), code('too-large'));
  await assert.rejects(readPdf(minimalPdf(pages), { maxBytes: 100 }), code('too-large'));
});
