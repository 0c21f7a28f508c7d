import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textLines } from './lines.ts';

test('the gap inside a paragraph is read where sentences go on across lines, not from the most common gap', () => {
  // A text with an empty line after each line, printed on a narrower page: each line wraps once,
  // so gaps of 0 and of 1 are about as many. Inside sentences both occur: 1 is a paragraph's own.
  const rewrapped: string[] = [];
  for (let i = 0; i < 12; i++) rewrapped.push(`line ${i} of the answer goes on past the width of the`, 'page,', '');
  assert.equal(textLines(rewrapped).layout.typicalGap, 1);
  // Single-spaced paragraphs with an empty line between them: inside sentences the gap is 0.
  const single: string[] = [];
  for (let i = 0; i < 6; i++) single.push(`Paragraph ${i} begins here and its first line goes`, 'on with a second line, and a third', 'that ends it.', '');
  assert.equal(textLines(single).layout.typicalGap, 0);
});

test('a line that is only a link, cut at its end, is joined with the piece on the next line', () => {
  const { lines } = textLines(['https://hwu.example/surveys/members-', '2023', 'Seasonal visas.', 'https://hwu.example/a', 'b']);
  assert.deepEqual(lines.map((l) => [l.no, l.text]), [
    [1, 'https://hwu.example/surveys/members-2023'],
    [3, 'Seasonal visas.'],
    [4, 'https://hwu.example/a'],
    [5, 'b'],
  ]);
});
