import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findFootnotes, footnoteOf } from './footnotes.ts';
import { textLines } from './lines.ts';

const blocks = (raw: string[]) => {
  const { lines, layout } = textLines(raw);
  return findFootnotes(lines, layout, () => false).map((b) => ({ number: b.number, lines: b.lines.map((i) => lines[i]!.no) }));
};

test('footnote definitions are the run of rising numbers; body lines that begin with a number fall out', () => {
  const raw = [
    'Farms in Velanor employ most of them.1 The fund (ALMO, 2019)2 pays', // 1
    '', // 2
    ' ', // 3
    '1 Arvenian Labour Mobility Office, Annual Statistics 2020.', // 4
    '2 Central Bank of Arvenia (2022). Report. https://bank.example/reports/', // 5
    'remittances-2022', // 6
    '', // 7
    'https://bank.example/reports/remittances-2022', // 8
    ' for the repair of houses, and the agencies reported that', // 9
    '', // 10
    '7 have closed since, while the office3 kept its licence.', // 11
    '', // 12
    'During the COVID-', // 13
    '', // 14
    '19 crisis, the border was shut.', // 15
    ' ', // 16
    '3 Regional Labour Office (2020).', // 17
  ];
  assert.deepEqual(blocks(raw), [
    { number: 1, lines: [4] },
    { number: 2, lines: [5, 6] },
    { number: 3, lines: [17] },
  ]);
});

test('a footnote that nothing cites is believed next to cited ones in the same block, not alone', () => {
  const cited = ['A point.1 Another point.2', '', '1 First source.', '2 Second source.', '4 A source never cited.'];
  assert.deepEqual(
    blocks(cited).map((b) => b.number),
    [1, 2, 4],
  );
  assert.deepEqual(blocks(['Nothing is cited here.', '', '2 million people moved in 2020.']), []);
});

test('a link broken across lines is joined again, and listed once', () => {
  const links = new Set(['https://www.example.org/national/arvenian-workers-abroad']);
  assert.deepEqual(
    footnoteOf(12, ['12 Workers ‘vulnerable’ (2019). https://www.example.org/national/arvenian-', 'workers-abroad'], links),
    { number: 12, text: 'Workers ‘vulnerable’ (2019). https://www.example.org/national/arvenian-workers-abroad', urls: ['https://www.example.org/national/arvenian-workers-abroad'] },
  );
  // Cut without a hyphen: the repeated link line says where the link ends.
  assert.deepEqual(footnoteOf(3, ['3 Report. https://www.example.org/national/arvenian-wor', 'kers-abroad'], links).urls, [
    'https://www.example.org/national/arvenian-workers-abroad',
  ]);
});
