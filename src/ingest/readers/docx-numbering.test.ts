import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber } from './docx-numbering.ts';
import { normaliseBoxes, privateUseGlyph, symbolFontText, symbolText } from './check-boxes.ts';

test('numbers are formatted as Word formats them', () => {
  const f = (n: number, fmt: string) => formatNumber(n, fmt);
  assert.deepEqual([f(1, 'lowerLetter'), f(26, 'lowerLetter'), f(27, 'lowerLetter'), f(53, 'upperLetter')], ['a', 'z', 'aa', 'AAA']);
  assert.deepEqual([f(4, 'lowerRoman'), f(1994, 'upperRoman'), f(7, 'decimalZero'), f(12, 'decimalZero')], ['iv', 'MCMXCIV', '07', '12']);
  assert.deepEqual([f(1, 'ordinal'), f(12, 'ordinal'), f(23, 'ordinal'), f(3, 'none'), f(3, 'chineseCounting')], ['1st', '12th', '23rd', '', '3']);
});

test('symbol-font glyphs become boxes and bullets; ordinary text keeps its characters', () => {
  assert.equal(symbolText('Wingdings', 0xf0fe), '\u2612');
  assert.equal(symbolText('Wingdings 2', 0xa3), '\u2610');
  assert.equal(symbolFontText('ABCDEF+Wingdings-Regular', '\u00fe\u00a8'), '\u2612\u2610');
  assert.equal(symbolText('Symbol', 0xf0b7), '\u2022');
  assert.equal(normaliseBoxes('\u2611=yes \u25a1=no'), '\u2612=yes \u2610=no');
  assert.equal(privateUseGlyph(0xf0a8), '\u2610');
  assert.equal(privateUseGlyph(0xf041), '\uf041');
});
