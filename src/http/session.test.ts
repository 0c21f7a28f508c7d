import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSession, encodeSession, sessionMaxAgeMs } from './session.ts';

const id = '16cf9b16-bc3c-4539-aba6-790b68726ad8';
const t = Date.UTC(2025, 0, 1);

test('a session value gives back its user id while it is younger than 8 hours', () => {
  assert.equal(decodeSession(encodeSession(id, t), t), id);
  assert.equal(decodeSession(encodeSession(id, t), t + sessionMaxAgeMs - 1), id);
});

test('a session value is refused once 8 hours have passed, or when it claims to come from the future', () => {
  assert.equal(decodeSession(encodeSession(id, t), t + sessionMaxAgeMs), null);
  assert.equal(decodeSession(encodeSession(id, t + 10 * 60_000), t), null);
});

test('a malformed session value is refused', () => {
  for (const value of ['', id, `.${t.toString(36)}`, `${id}.`, `${id}.!!`]) assert.equal(decodeSession(value, t), null, value);
});
