import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycleProgress, daysUntil, deadlineLabel, formatDate } from './format.ts';

test('formatDate writes dates the UN way', () => {
  assert.equal(formatDate('2020-08-31'), '31 August 2020');
  assert.equal(formatDate('2021-01-05T10:00:00Z'), '5 January 2021');
  assert.equal(formatDate('not a date'), 'not a date');
});

test('deadlineLabel counts whole days, across month ends, and says when a deadline is past', () => {
  assert.equal(daysUntil('2020-09-01', '2020-08-31'), 1);
  assert.deepEqual(deadlineLabel('2020-08-31', '2020-08-19'), { text: '12 days left', overdue: false });
  assert.deepEqual(deadlineLabel('2020-08-31', '2020-08-31'), { text: 'due today', overdue: false });
  assert.deepEqual(deadlineLabel('2020-08-31', '2020-09-01'), { text: 'overdue by 1 day', overdue: true });
  assert.deepEqual(deadlineLabel('2020-03-01', '2020-02-28'), { text: '2 days left', overdue: false });
});

test('cycleProgress counts what was handed in as answered and keeps drafts apart', () => {
  assert.deepEqual(cycleProgress({ invitedCount: 10, progress: { draft: 3, submitted: 2, accepted: 1, returned: 1, 'not-started': 3 } }), {
    invited: 10,
    answered: 4,
    drafts: 3,
  });
  assert.deepEqual(cycleProgress({ invitedCount: 0, progress: {} }), { invited: 0, answered: 0, drafts: 0 });
});
