import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paragraph, Response } from './response.ts';
import { diffResponses, diffWords, markedText } from './response-diff.ts';

const para = (text: string, extra: Partial<Paragraph> = {}): Paragraph => ({ number: null, text, footnotes: [], ...extra });

function response(over: Partial<Response> = {}): Response {
  return {
    schemaVersion: 2,
    templateId: 't',
    state: { iso3: 'XAA', name: 'Arvenia' },
    contact: { name: 'Ama', email: 'ama@arvenia.test' },
    consent: 'unanswered',
    answers: [
      { question: '1a', paragraphs: [] },
      { question: '1b', paragraphs: [] },
    ],
    principles: [{ principle: 'p1', integrated: 'unanswered', explanation: '' }],
    footnotes: [],
    attachments: [],
    ...over,
  };
}

test('words: the same text has no change; a changed word is removed then added, spaces kept', () => {
  assert.deepEqual(diffWords('', ''), []);
  assert.deepEqual(diffWords('one two', 'one two'), [{ kind: 'same', text: 'one two' }]);
  assert.equal(markedText(diffWords('The river floods in spring.', 'The river floods in autumn.')), 'The river floods in [-spring.-]{+autumn.+}');
  assert.equal(markedText(diffWords('a b c', 'a x y c')), 'a [-b-]{+x y+} c');
  assert.equal(markedText(diffWords('a b c d', 'a c d e')), 'a [-b -]c d{+ e+}');
  assert.equal(markedText(diffWords('', 'new text')), '{+new text+}');
  assert.equal(markedText(diffWords('old text', '')), '[-old text-]');
  // The parts always rebuild both texts.
  for (const [a, b] of [['x y z w', 'z y x'], ['alpha  beta\ngamma', 'alpha beta gamma delta'], ['same start, other end', 'same start, new end here']] as const) {
    const parts = diffWords(a, b);
    assert.equal(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join(''), a);
    assert.equal(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join(''), b);
  }
});

test('words: a long text with one word changed is fast and marks that word only', () => {
  const words = Array.from({ length: 20000 }, (_, i) => `w${i}`);
  const a = words.join(' ');
  const b = words.map((w, i) => (i === 10000 ? 'changed' : w)).join(' ');
  const started = performance.now();
  const parts = diffWords(a, b);
  assert.ok(performance.now() - started < 1000);
  assert.deepEqual(parts.filter((p) => p.kind !== 'same'), [{ kind: 'removed', text: 'w10000' }, { kind: 'added', text: 'changed' }]);
});

test('paragraphs: matched by id, in the newer order; added, removed and changed', () => {
  const from = response({
    answers: [
      { question: '1a', paragraphs: [para('Kept as it was.', { id: 'k', number: 1 }), para('Will go away.', { id: 'gone', number: 2 }), para('We plan a new dam.', { id: 'c', number: 3 })] },
      { question: '1b', paragraphs: [para('Untouched.', { id: 'u' })] },
    ],
  });
  const to = response({
    answers: [
      { question: '1a', paragraphs: [para('Kept as it was.', { id: 'k', number: 1 }), para('We built a new dam.', { id: 'c', number: 2 }), para('A new one.', { id: 'n', number: 3 })] },
      { question: '1b', paragraphs: [para('Untouched.', { id: 'u' })] },
    ],
  });
  const diff = diffResponses(from, to);
  assert.equal(diff.same, false);
  assert.equal(diff.answers.length, 1);
  const [q] = diff.answers;
  assert.equal(q!.question, '1a');
  assert.deepEqual(
    q!.paragraphs.map((p) => p.kind),
    ['removed', 'changed', 'added'],
  );
  const changed = q!.paragraphs[1]!;
  assert.equal(changed.kind, 'changed');
  if (changed.kind === 'changed') {
    assert.equal(changed.id, 'c');
    assert.equal(changed.fromNumber, 3);
    assert.equal(changed.number, 2);
    assert.equal(markedText(changed.parts), 'We [-plan-]{+built+} a new dam.');
  }
  assert.deepEqual(q!.paragraphs[0], { kind: 'removed', id: 'gone', number: 2, text: 'Will go away.' });
  assert.deepEqual(q!.paragraphs[2], { kind: 'added', id: 'n', number: 3, text: 'A new one.' });
});

test('paragraphs without ids fall back to their position', () => {
  const from = response({ answers: [{ question: '1a', paragraphs: [para('First.'), para('Second one.')] }] });
  const to = response({ answers: [{ question: '1a', paragraphs: [para('First.'), para('Second two.'), para('Third.')] }] });
  const [q] = diffResponses(from, to).answers;
  assert.deepEqual(q!.paragraphs.map((p) => p.kind), ['changed', 'added']);
  assert.equal(q!.paragraphs[0]!.kind === 'changed' && markedText(q!.paragraphs[0]!.parts), 'Second [-one.-]{+two.+}');
});

test('principles, consent, contact fields and footnotes', () => {
  const from = response({
    footnotes: [
      { id: 'f1', number: 1, text: 'Report of 2019.', urls: [] },
      { id: 'f2', number: 2, text: 'To be removed.', urls: [] },
    ],
  });
  const to = response({
    consent: 'yes',
    contact: { name: 'Ama Arvenian', email: 'ama@arvenia.test' },
    principles: [{ principle: 'p1', integrated: 'yes', explanation: 'Through the plan.' }],
    footnotes: [
      { id: 'f1', number: 1, text: 'Report of 2021.', urls: ['https://arvenia.test/r'] },
      { id: 'f3', number: 2, text: 'Added.', urls: [] },
    ],
  });
  const diff = diffResponses(from, to);
  assert.deepEqual(diff.consent, { from: 'unanswered', to: 'yes' });
  assert.deepEqual(diff.contact, [{ field: 'name', from: 'Ama', to: 'Ama Arvenian', parts: [{ kind: 'same', text: 'Ama' }, { kind: 'added', text: ' Arvenian' }] }]);
  assert.deepEqual(diff.principles, [{ principle: 'p1', integrated: { from: 'unanswered', to: 'yes' }, explanation: [{ kind: 'added', text: 'Through the plan.' }] }]);
  assert.deepEqual(diff.footnotes.map((f) => [f.kind, f.id]), [['changed', 'f1'], ['added', 'f3'], ['removed', 'f2']]);
  const f1 = diff.footnotes[0]!;
  assert.ok(f1.kind === 'changed');
  assert.equal(markedText(f1.parts), 'Report of [-2019.-]{+2021.+}');
  assert.deepEqual(f1.urls, { from: [], to: ['https://arvenia.test/r'] });
  assert.equal(diffResponses(to, to).same, true);
});
