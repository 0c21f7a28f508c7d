import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgliteDir, redactUrl } from './database.ts';

test('redactUrl keeps a server URL printable by dropping the password', () => {
  assert.equal(redactUrl('postgres://gcm:s3cret@db.example.test:5432/gcm'), 'postgres://gcm@db.example.test:5432/gcm');
  assert.equal(redactUrl('postgres://postgres@127.0.0.1:5432/test'), 'postgres://postgres@127.0.0.1:5432/test');
  assert.equal(redactUrl('not a url'), 'postgres://(unparseable URL)');
});

test('the embedded database lives in the pglite folder of the data folder', () => {
  assert.equal(pgliteDir('/srv/gcm-data'), '/srv/gcm-data/pglite');
});
