import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemToError } from './api.ts';

const errors = [
  { path: 'clusters[0].objectives', message: 'GCM objectives are numbered 1 to 23' },
  { path: 'clusters[0].questions[0].prompt', message: 'must not be empty' },
];

test('summary drops the list of field problems a service appends to its detail', () => {
  const e = problemToError(400, {
    detail: 'The template is not valid: clusters[0].objectives: GCM objectives are numbered 1 to 23; clusters[0].questions[0].prompt: must not be empty',
    errors,
  });
  assert.equal(e.summary, 'The template is not valid.');
});

test('summary drops the list the request validator appends, which has no colon and ends with a full stop', () => {
  const e = problemToError(400, {
    detail: 'Some fields of the request body are invalid: clusters[0].objectives GCM objectives are numbered 1 to 23; clusters[0].questions[0].prompt must not be empty.',
    errors,
  });
  assert.equal(e.summary, 'Some fields of the request body are invalid.');
});

test('summary keeps a detail that does not end with the list', () => {
  assert.equal(problemToError(409, { detail: 'The template "x" already has version 1.' }).summary, 'The template "x" already has version 1.');
  assert.equal(problemToError(400, { detail: 'Check the fields below.', errors }).summary, 'Check the fields below.');
});
