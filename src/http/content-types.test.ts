import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAcceptedBody } from './content-types.ts';

test('changes must declare JSON, YAML or multipart; what a cross-site form can send is refused', () => {
  assert.equal(isAcceptedBody('POST', 'application/json; charset=utf-8'), true);
  assert.equal(isAcceptedBody('POST', 'application/yaml'), true);
  assert.equal(isAcceptedBody('POST', 'multipart/form-data; boundary=x'), true);
  assert.equal(isAcceptedBody('POST', 'text/plain'), false);
  assert.equal(isAcceptedBody('PUT', 'application/x-www-form-urlencoded'), false);
  assert.equal(isAcceptedBody('POST', undefined), false);
});

test('reads and bodiless deletes need no content type', () => {
  assert.equal(isAcceptedBody('GET', undefined), true);
  assert.equal(isAcceptedBody('DELETE', undefined), true);
  assert.equal(isAcceptedBody('DELETE', 'text/plain'), false);
});
