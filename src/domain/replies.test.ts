import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repliesOverTime } from './replies.ts';

test('counts the States that had submitted by each day, up to the deadline or the last reply', () => {
  const r = repliesOverTime(['2020-08-03T09:00:00.000Z', '2020-07-20T10:00:00.000Z', '2020-08-03T23:59:00.000Z', '2020-11-02T08:00:00.000Z'], {
    start: '2020-06-01T12:00:00.000Z',
    deadline: '2020-08-31',
    until: '2020-08-31',
    invited: 5,
  });
  assert.deepEqual(r, {
    from: '2020-06-01',
    to: '2020-11-02',
    deadline: '2020-08-31',
    invited: 5,
    days: [
      { date: '2020-07-20', replies: 1, total: 1 },
      { date: '2020-08-03', replies: 2, total: 3 },
      { date: '2020-11-02', replies: 1, total: 4 },
    ],
  });
});

test('a running cycle with no reply yet spans from its first day to today or its deadline, whichever is later', () => {
  const options = { start: '2031-01-10T08:00:00.000Z', deadline: '2031-03-31', invited: 3 };
  assert.deepEqual(repliesOverTime([], { ...options, until: '2031-02-01T10:00:00.000Z' }), { from: '2031-01-10', to: '2031-03-31', deadline: '2031-03-31', invited: 3, days: [] });
  assert.equal(repliesOverTime([], { ...options, until: '2031-05-02T10:00:00.000Z' }).to, '2031-05-02');
  // A reply recorded before the cycle's first day (an imported history) widens the span back to it.
  assert.equal(repliesOverTime(['2030-12-24T10:00:00.000Z'], { ...options, until: '2031-02-01' }).from, '2030-12-24');
  // So does a deadline before it (a past review entered afterwards).
  assert.deepEqual(repliesOverTime([], { ...options, deadline: '2020-08-31', until: '2031-02-01' }), { from: '2020-08-31', to: '2031-02-01', deadline: '2020-08-31', invited: 3, days: [] });
});
