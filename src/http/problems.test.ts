import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { Conflict, InvalidInput } from '../services/errors.ts';
import { fieldPath, toProblem } from './problems.ts';

test('field paths read the way a person points at a field', () => {
  assert.equal(fieldPath(['invitedStates', 0]), 'invitedStates[0]');
  assert.equal(fieldPath(['response', 'answers', '2', 'paragraphs', 0, 'text']), 'response.answers[2].paragraphs[0].text');
  assert.equal(fieldPath([]), '(body)');
});

test('an AppError keeps its status, message and field problems', () => {
  const { problem, expected } = toProblem(new InvalidInput('The review cycle cannot be created', [{ path: 'deadline', message: 'must be a date' }]));
  assert.equal(expected, true);
  assert.equal(problem.status, 400);
  assert.equal(problem.type, 'https://gcm-review.org/problems/invalid-input');
  assert.deepEqual(problem.errors, [{ path: 'deadline', message: 'must be a date' }]);
  assert.equal(toProblem(new Conflict('Someone saved first.')).problem.status, 409);
});

test('a ZodError names each bad field', () => {
  const result = z.object({ a: z.array(z.string()) }).safeParse({ a: ['x', 1] });
  assert.equal(result.success, false);
  const { problem } = toProblem(result.error);
  assert.equal(problem.status, 400);
  assert.deepEqual(problem.errors.map((e) => e.path), ['a[1]']);
});

test('an unexpected error becomes a 500 that shows nothing of the internals', () => {
  const { problem, expected } = toProblem(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'), 'req-42');
  assert.equal(expected, false);
  assert.equal(problem.status, 500);
  assert.doesNotMatch(JSON.stringify(problem), /ECONNREFUSED|hunter2|5432/);
  assert.match(problem.detail, /req-42/);
});

test('client errors from the framework keep their status with a clear sentence', () => {
  const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  const { problem } = toProblem(tooLarge);
  assert.equal(problem.status, 413);
  assert.equal(problem.title, 'Payload too large');
  assert.match(problem.detail, /larger than this server accepts/);
});
