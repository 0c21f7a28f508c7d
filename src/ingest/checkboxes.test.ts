import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readYesNo } from './checkboxes.ts';

const value = (text: string) => readYesNo(text)?.value;

test('boxes in their usual spellings', () => {
  assert.equal(value('☒ Yes ☐ No'), 'yes');
  assert.equal(value('☐=Yes ☒=No )'), 'no');
  assert.equal(value('☐=Yes ☐=No'), 'unanswered');
  assert.equal(value('[x] Yes [ ] No'), 'yes');
  assert.equal(value('( ) yes (X) no'), 'no');
  assert.equal(value('■ Yes □ No'), 'yes');
  assert.equal(value('☑ yes ☐ no'), 'yes');
  assert.equal(value('Yes ☐  No ☒'), 'no');
});

test('a "=yes" with no box before it, next to an empty box, is a ticked box whose glyph was lost', () => {
  const r = readYesNo('People-centred  =yes  ☐=no  explained');
  assert.equal(r?.value, 'yes');
  assert.equal(r?.lost, true);
  assert.equal(readYesNo('☐=yes  =no')?.value, 'no');
  // Words alone are not boxes.
  assert.equal(readYesNo('Yes, we agree; no objection.'), null);
  assert.equal(readYesNo('the answer =yes'), null);
});

test('both boxes ticked is read as unanswered, and said', () => {
  const r = readYesNo('☒ Yes ☒ No');
  assert.equal(r?.value, 'unanswered');
  assert.equal(r?.conflict, true);
});

test("the template's own labels are used", () => {
  assert.equal(readYesNo('☒ Oui ☐ Non', 'Oui', 'Non')?.value, 'yes');
  assert.equal(readYesNo('☒ Yes ☐ No', 'Oui', 'Non'), null);
});
