import assert from 'node:assert/strict';
import { test } from 'node:test';
import { marker } from './source.ts';
import { takeExplicitMarkers, takeMarkers } from './markers.ts';

const all = () => true;

test('markers glued to words, brackets and stops are taken in sequence and leave an anchor', () => {
  const seq = { next: 1 };
  const a = takeMarkers('Farms in Velanor.1 Remittances grew (Central Bank, 2022)2, and ports8 stayed busy.', seq, all);
  assert.deepEqual(a.footnotes, [1, 2]);
  assert.equal(a.text, 'Farms in Velanor. Remittances grew (Central Bank, 2022), and ports8 stayed busy.');
  assert.equal(a.text.slice(0, a.anchors[0]), 'Farms in Velanor.');
  assert.equal(a.text.slice(0, a.anchors[1]), 'Farms in Velanor. Remittances grew (Central Bank, 2022)');
  const b = takeMarkers('The registry (ALMO)3 and the 3D4 jobs, then the office5.', seq, all);
  assert.deepEqual(b.footnotes, [3, 4, 5]);
  assert.equal(b.text, 'The registry (ALMO) and the 3D jobs, then the office.');
  assert.equal(seq.next, 6);
});

test('real numbers are never taken for markers', () => {
  const text =
    'In Q1 2021, 2,309 people sent USD1.43 billion (USD2,100 each) during COVID-19 under Article 17 (2017), on 21 December, ' +
    'and SDG target 10.7 grew by 5.8 per cent; US$300 is the fee, G7 met, COVID19 spread.';
  for (const next of [1, 2, 3, 7, 17, 19, 21]) {
    const r = takeMarkers(text, { next }, all);
    assert.deepEqual(r.footnotes, [], `expected no marker when footnote ${next} comes next`);
    assert.equal(r.text, text);
  }
});

test('a marker standing apart after a full stop is taken only when its footnote exists and it is the next one', () => {
  assert.deepEqual(takeMarkers('Records of the Department of Employment. 18', { next: 18 }, all), {
    text: 'Records of the Department of Employment.',
    footnotes: [18],
    anchors: [40],
  });
  assert.deepEqual(takeMarkers('Records of the Department of Employment. 18', { next: 18 }, () => false).footnotes, []);
  assert.deepEqual(takeMarkers('Closed in 2019. 18 people were sent back.', { next: 18 }, all).footnotes, []);
  assert.deepEqual(takeMarkers('held in March 2022.3', { next: 3 }, all).footnotes, [3]);
});

test('a missing marker or two is skipped only towards a footnote that exists', () => {
  assert.deepEqual(takeMarkers('First point.4 Second point.', { next: 3 }, (n) => n === 4).footnotes, [4]);
  assert.deepEqual(takeMarkers('First point.4 Second point.', { next: 3 }, () => false).footnotes, []);
  assert.deepEqual(takeMarkers('First point.9 Second point.', { next: 3 }, all).footnotes, []);
});

test('explicit markers from a reader are taken out without guessing', () => {
  const r = takeExplicitMarkers(`Figures for 2020${marker(1)} and the census ${marker(2)}.`);
  assert.equal(r.text, 'Figures for 2020 and the census.');
  assert.deepEqual(r.footnotes, [1, 2]);
  assert.deepEqual(r.anchors, [16, 31]);
});
