// Writing in a paragraph online keeps its footnote markers where they stood in the words around
// them (the box shows the text without them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retext } from '../components/items/ParagraphText.tsx';

const p = { id: 'p1', number: 3, text: 'Departures rose. They fell in 2020.', footnotes: [1, 2], anchors: [16, 35] };

test('markers after the words changed move with their words', () => {
  const r = retext(p, 'Departures rose sharply. They fell in 2020.');
  assert.deepEqual(r.anchors, [24, 43]);
  assert.equal(r.text.slice(0, r.anchors![0]), 'Departures rose sharply.');
  assert.equal(r.id, 'p1');
  assert.equal(r.number, 3);
  assert.deepEqual(r.footnotes, [1, 2]);
});

test('text added after them leaves the markers where they were', () => {
  assert.deepEqual(retext(p, `${p.text} More.`).anchors, [16, 35]);
  assert.deepEqual(retext(p, 'Departures rose. Then they fell in 2020.').anchors, [16, 40]);
});

test('a marker inside words replaced goes to the end of what replaced them', () => {
  const q = { ...p, anchors: [12, 35] };
  const r = retext(q, 'Departures fell. They fell in 2020.');
  assert.equal(r.anchors![0], 15);
  assert.equal(r.anchors![1], 35);
});

test('a paragraph without markers just takes the text', () => {
  assert.deepEqual(retext({ number: null, text: 'a', footnotes: [] }, 'ab'), { number: null, text: 'ab', footnotes: [] });
});
