import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsByField } from './fieldErrors.ts';

const fields = ['title', 'deadline', 'returnAddresses', 'invitedStates', 'meeting.name', 'meeting'];

test('errorsByField puts each message on the field its path names, longest match first', () => {
  const out = errorsByField(
    [
      { path: 'title', message: 'must not be empty' },
      { path: 'meeting.name', message: 'must not be empty' },
      { path: 'meeting.place', message: 'too long' },
      { path: 'returnAddresses[1]', message: 'is not an e-mail address' },
      { path: '/invitedStates/0', message: 'is not a State' },
      { path: 'somethingElse', message: 'odd' },
    ],
    fields,
    { returnAddresses: 'line' },
  );
  assert.deepEqual(out, {
    title: ['must not be empty'],
    'meeting.name': ['must not be empty'],
    meeting: ['too long'],
    returnAddresses: ['Line 2: is not an e-mail address'],
    invitedStates: ['Item 1: is not a State'],
    '': ['odd'],
  });
});

test('errorsByField does not confuse a field with a longer one that shares its start', () => {
  const out = errorsByField([{ path: 'deadlineNote', message: 'x' }], ['deadline']);
  assert.deepEqual(out, { '': ['x'] });
});
