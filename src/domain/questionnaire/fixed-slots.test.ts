import { test } from 'node:test';
import assert from 'node:assert/strict';
import apacData from '../../../test/fixtures/apac-2020.fixed-slots.json' with { type: 'json' };
import { parseTemplate } from '../template.ts';
import { builtinQuestionnaire } from './builtin/index.ts';
import { NotFixedSlots, toFixedSlots } from './fixed-slots.ts';
import { fromFixedSlots } from './legacy.ts';
import { localize } from './localize.ts';

const fixed = parseTemplate(apacData);
assert.ok(fixed.ok);
const apac = builtinQuestionnaire('apac-2020')!;

test('toFixedSlots undoes fromFixedSlots: the fixed slots of apac-2020 (test/fixtures/apac-2020.fixed-slots.json) there and back are unchanged', () => {
  assert.deepEqual(toFixedSlots(fromFixedSlots(fixed.value)), fixed.value);
});

test('the built-in apac-2020 in English is the fixed slots it has always had (test/fixtures/apac-2020.fixed-slots.json: what the services derive and `template show apac-2020 --json` prints); in French and Russian the same slots in that language', () => {
  assert.deepEqual(toFixedSlots(localize(apac, 'en')), fixed.value);
  for (const lang of ['fr', 'ru']) {
    const t = toFixedSlots(localize(apac, lang));
    assert.equal(t.language, lang);
    assert.equal(t.clusters.length, fixed.value.clusters.length);
    assert.deepEqual(t.clusters.flatMap((c) => c.questions.map((q) => q.key)), fixed.value.clusters.flatMap((c) => c.questions.map((q) => q.key)));
    assert.deepEqual(t.principles.map((p) => p.key), fixed.value.principles.map((p) => p.key));
    assert.notEqual(t.title, fixed.value.title, `${lang}: the title is translated`);
    assert.notEqual(t.clusters[0]!.questions[0]!.prompt, fixed.value.clusters[0]!.questions[0]!.prompt, `${lang}: 1a is translated`);
    assert.notEqual(t.consent!.yesLabel, fixed.value.consent!.yesLabel, `${lang}: the consent's yes is translated`);
  }
});

test('a questionnaire that is not of the fixed-slot shape, or not localised, is refused with a reason', () => {
  assert.throws(() => toFixedSlots(apac), (e) => e instanceof NotFixedSlots && /several languages; localize/.test(e.message));
  const withTable = localize({ ...apac, items: [...apac.items, { kind: 'table', key: 'figures', prompt: 'Figures', columns: [{ key: 'y2020', label: '2020', type: 'number' }], rows: [{ key: 'n', label: 'N' }] }] }, 'en');
  assert.throws(() => toFixedSlots(withTable), (e) => e instanceof NotFixedSlots && /\("figures"\), a table, has no place/.test(e.message));
});
