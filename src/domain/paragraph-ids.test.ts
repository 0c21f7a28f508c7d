import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carryIds, duplicateIds, idPattern, idsFrom, seededIds, type IdFootnote, type IdParagraph, type WithIds } from './paragraph-ids.ts';

const para = (text: string, extra: Partial<IdParagraph> = {}): IdParagraph => ({ number: null, text, ...extra });
const foot = (number: number, text: string, extra: Partial<IdFootnote> = {}): IdFootnote => ({ number, text, urls: [], ...extra });

/** A previous version with ids on everything (from a seeded source). */
function withIds(r: WithIds, seed = 'before'): Required<WithIds> {
  const out = carryIds(r, undefined, seededIds(seed));
  return { answers: out.answers ?? [], footnotes: out.footnotes ?? [] };
}

const idsOf = (r: WithIds, question: string) => r.answers!.find((a) => a.question === question)!.paragraphs!.map((p) => p.id);
const stripIds = (r: WithIds): WithIds => ({
  answers: r.answers?.map((a) => ({ ...a, paragraphs: a.paragraphs?.map(({ id: _id, ...p }) => p) })),
  footnotes: r.footnotes?.map(({ id: _id, ...f }) => f),
});

const long = {
  a: 'The national action plan on migration was adopted in 2019 after consultations with workers and employers.',
  b: 'Bilateral labour agreements now cover recruitment fees, which employers pay in full.',
  c: 'A helpline for migrant workers answers in six languages, day and night.',
  d: 'Consular staff were trained on the rights of migrants in detention.',
};

test('ids are short, URL-safe, and the seeded sequence is the same every time', () => {
  const a = seededIds('XAA/3');
  const b = seededIds('XAA/3');
  const first = Array.from({ length: 50 }, () => a());
  assert.deepEqual(Array.from({ length: 50 }, () => b()), first);
  assert.equal(new Set(first).size, 50);
  for (const id of first) assert.match(id, idPattern);
  assert.notEqual(seededIds('XAA/4')(), first[0]);
  const random = idsFrom((n) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256))();
  assert.match(random, idPattern);
  assert.equal(random.length, 10);
});

test('a response without ids gets one on every paragraph and footnote, all different', () => {
  const r = carryIds({ answers: [{ question: '1a', paragraphs: [para('x'), para('y')] }, { question: '1b', paragraphs: [para('x')] }], footnotes: [foot(1, 'x')] }, undefined, seededIds('s'));
  const ids = [...r.answers!.flatMap((a) => a.paragraphs!.map((p) => p.id)), ...r.footnotes!.map((f) => f.id)];
  assert.equal(ids.length, 4);
  assert.equal(new Set(ids).size, 4);
  assert.deepEqual(duplicateIds(r), []);
});

test('ids sent are kept, and a new paragraph among them gets a new one', () => {
  const before = withIds({ answers: [{ question: '1a', paragraphs: [para(long.a), para(long.b)] }] });
  const [a, b] = before.answers[0]!.paragraphs!;
  const next = carryIds({ answers: [{ question: '1a', paragraphs: [{ ...a! }, para(long.c), { ...b!, text: `${b!.text} Edited.` }] }] }, before, seededIds('next'));
  const ids = idsOf(next, '1a');
  assert.equal(ids[0], a!.id);
  assert.equal(ids[2], b!.id);
  assert.ok(ids[1] && ids[1] !== a!.id && ids[1] !== b!.id);
});

test('paragraphs sent without ids are found in the version before: edited, inserted, removed, swapped, moved', () => {
  const before = withIds({
    answers: [
      { question: '1a', paragraphs: [para(long.a, { number: 1 }), para(long.b, { number: 2 }), para(long.c, { number: 3 })] },
      { question: '1b', paragraphs: [para(long.d)] },
    ],
  });
  const [a, b, c] = idsOf(before, '1a');
  const [d] = idsOf(before, '1b');
  // As an import of the exported document would give it back, after some editing in Word:
  // a paragraph inserted first, the first edited, the second removed, the third moved to 1b.
  const next = carryIds(
    {
      answers: [
        { question: '1a', paragraphs: [para('A new opening paragraph about something else entirely.'), para(`${long.a} It was revised in 2021.`, { number: 1 })] },
        { question: '1b', paragraphs: [para(long.d), para(long.c)] },
      ],
    },
    before,
    seededIds('next'),
  );
  const [fresh, edited] = idsOf(next, '1a');
  assert.equal(edited, a);
  assert.ok(fresh && ![a, b, c, d].includes(fresh));
  assert.deepEqual(idsOf(next, '1b'), [d, c]);
  assert.ok(!idsOf(next, '1a').includes(b) && !idsOf(next, '1b').includes(b), 'the removed paragraph\'s id is not reused');

  const swapped = carryIds({ answers: [{ question: '1a', paragraphs: [para(long.b), para(long.a), para(long.c)] }] }, before, seededIds('swap'));
  const [x, y, z] = idsOf(swapped, '1a');
  // In order, one of the two swapped paragraphs is matched by text; the other is found as moved.
  assert.deepEqual(new Set([x, y, z]), new Set([a, b, c]));
  assert.equal(x, b);
  assert.equal(y, a);
});

test('a lone paragraph rewritten in place keeps its id; an unrelated text does not take one', () => {
  const before = withIds({ answers: [{ question: '2', paragraphs: [para(long.a), para(long.b), para(long.c)] }] });
  const [, b] = idsOf(before, '2');
  const rewritten = carryIds(
    { answers: [{ question: '2', paragraphs: [para(long.a), para('Recruitment fees are now paid by employers under the new bilateral agreements of 2021.'), para(long.c)] }] },
    before,
    seededIds('n'),
  );
  assert.equal(idsOf(rewritten, '2')[1], b);
  const replaced = carryIds({ answers: [{ question: '2', paragraphs: [para(long.a), para('Nothing to report.'), para(long.c)] }] }, before, seededIds('n'));
  assert.notEqual(idsOf(replaced, '2')[1], b);
});

test('footnotes keep their ids by text, even when renumbered; a new footnote gets a new id', () => {
  const before = withIds({ footnotes: [foot(1, 'Ministry of Labour, annual report 2019.'), foot(2, 'See https://example.org/plan', { urls: ['https://example.org/plan'] })] });
  const [f1, f2] = before.footnotes.map((f) => f.id);
  const next = carryIds(
    { footnotes: [foot(1, 'Statistics office, census 2020.'), foot(2, 'Ministry of Labour, annual report 2019.'), foot(3, 'See https://example.org/plan', { urls: ['https://example.org/plan'] })] },
    before,
    seededIds('n'),
  );
  const ids = next.footnotes!.map((f) => f.id);
  assert.deepEqual(ids.slice(1), [f1, f2]);
  assert.ok(ids[0] && ids[0] !== f1 && ids[0] !== f2);
});

test('a footnote renumbered out of order (now cited before the others) keeps its id', () => {
  const texts = ['Census of 2020, national statistics office.', 'Labour force survey, 2019 round.', 'Annual report of the labour ministry on migration.'];
  const before = withIds({ footnotes: texts.map((t, i) => foot(i + 1, t)) });
  const [f1, f2, f3] = before.footnotes.map((f) => f.id);
  const next = carryIds({ footnotes: [foot(1, texts[0]!), foot(2, texts[2]!), foot(3, texts[1]!)] }, before, seededIds('n'));
  assert.deepEqual(
    next.footnotes!.map((f) => f.id),
    [f1, f3, f2],
  );
});

test('the same document read again gives back exactly the same ids', () => {
  const before = withIds({
    answers: [{ question: '1a', paragraphs: [para(long.a), para(long.a), para(long.b)] }],
    footnotes: [foot(1, 'one'), foot(2, 'one')],
  });
  const again = carryIds(stripIds(before), before, seededIds('again'));
  assert.deepEqual(again, before);
});

test('an id a client sends that the version before gave to another paragraph wins; that paragraph is not matched twice', () => {
  const before = withIds({ answers: [{ question: '1a', paragraphs: [para(long.a), para(long.b)] }] });
  const [a] = idsOf(before, '1a');
  const next = carryIds({ answers: [{ question: '1a', paragraphs: [para(long.b, { id: a }), para(long.a)] }] }, before, seededIds('n'));
  const ids = idsOf(next, '1a');
  assert.equal(ids[0], a);
  assert.notEqual(ids[1], a);
  assert.deepEqual(duplicateIds(next), []);
});

test('duplicate ids are named with both places, across paragraphs and footnotes', () => {
  const r: WithIds = {
    answers: [{ question: '1a', paragraphs: [para('x', { id: 'same' }), para('y', { id: 'other' })] }, { question: '1b', paragraphs: [para('z', { id: 'same' })] }],
    footnotes: [foot(1, 'f', { id: 'other' })],
  };
  assert.deepEqual(duplicateIds(r), [
    { id: 'same', path: 'answers[1].paragraphs[0].id', firstPath: 'answers[0].paragraphs[0].id' },
    { id: 'other', path: 'footnotes[0].id', firstPath: 'answers[0].paragraphs[1].id' },
  ]);
});

test('carryIds leaves what it is given unchanged', () => {
  const next = { answers: [{ question: '1a', paragraphs: [para(long.a)] }], footnotes: [foot(1, 'f')] };
  const copy = structuredClone(next);
  const before = withIds({ answers: [{ question: '1a', paragraphs: [para(long.a)] }] });
  const beforeCopy = structuredClone(before);
  carryIds(next, before, seededIds('n'));
  assert.deepEqual(next, copy);
  assert.deepEqual(before, beforeCopy);
});
