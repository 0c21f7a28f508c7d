import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { seededIds } from './paragraph-ids.ts';
import { currentSchemaVersion, Response } from './response.ts';
import { itemSchemaVersion, migrationSteps, schemaVersionOf, upgradeResponse } from './response-migrations.ts';

/** A response as release 7fb58a1 stored it: no schemaVersion, no ids (the demo draft of Arvenia). */
const v1 = JSON.parse(readFileSync(new URL('../demo/responses/arvenia.json', import.meta.url), 'utf8')) as Record<string, unknown>;
delete v1.schemaVersion;

type Stored = { answers: { question: string; paragraphs: { id?: string; text: string }[] }[]; footnotes: { id?: string; text: string }[] };

test('the steps run without a gap from version 1 to the current version', () => {
  const steps = migrationSteps();
  assert.deepEqual(
    steps.map((s) => [s.from, s.to]),
    Array.from({ length: currentSchemaVersion - 1 }, (_, i) => [i + 1, i + 2]),
  );
});

test('a response stored without a schema version is version 1, and is upgraded to the current one with ids', () => {
  assert.equal(schemaVersionOf(v1), 1);
  const up = upgradeResponse(v1, { previous: undefined, newId: seededIds('sub/1') }) as Stored;
  assert.equal(schemaVersionOf(up), currentSchemaVersion);
  const parsed = Response.parse(up);
  const ids = [...parsed.answers.flatMap((a) => a.paragraphs.map((p) => p.id)), ...parsed.footnotes.map((f) => f.id)];
  assert.ok(ids.length > 10);
  assert.ok(ids.every((id) => typeof id === 'string'));
  assert.equal(new Set(ids).size, ids.length);
  // Nothing else changes.
  const { schemaVersion: _v, ...rest } = up as unknown as Record<string, unknown>;
  const strip = (r: Stored) => ({ ...r, answers: r.answers.map((a) => ({ ...a, paragraphs: a.paragraphs.map(({ id: _id, ...p }) => p) })), footnotes: r.footnotes.map(({ id: _id, ...f }) => f) });
  assert.deepEqual(strip(rest as unknown as Stored), v1);
  assert.equal((v1 as { schemaVersion?: number }).schemaVersion, undefined, 'the stored response itself is not changed');
});

test('the upgrade gives the same ids on every read, and carries them from the version before', () => {
  const first = upgradeResponse(v1, { previous: undefined, newId: seededIds('sub/1') });
  assert.deepEqual(upgradeResponse(structuredClone(v1), { previous: undefined, newId: seededIds('sub/1') }), first);
  // Version 2 of the same submission, stored by the old release: a paragraph inserted first in 1b.
  const v2 = structuredClone(v1) as unknown as Stored;
  v2.answers[1]!.paragraphs.unshift({ text: 'An introductory paragraph added before the others.' });
  const second = upgradeResponse(v2, { previous: first, newId: seededIds('sub/2') }) as Stored;
  const before = (first as Stored).answers[1]!.paragraphs.map((p) => p.id);
  const after = second.answers[1]!.paragraphs.map((p) => p.id);
  assert.deepEqual(after.slice(1), before);
  assert.ok(after[0] && !before.includes(after[0]));
  assert.deepEqual(second.answers[0], (first as Stored).answers[0]);
});

test('a response already in the current version is returned as it is; one from a newer release is refused', () => {
  const current = { ...Response.parse({ templateId: 'apac-2020' }) };
  assert.equal(upgradeResponse(current, { previous: undefined, newId: seededIds('x') }), current);
  // Version 3 is the item model's response, current as it is; past it, a newer release's.
  const items = { templateId: 'imrf-national-report', answers: {}, footnotes: [], attachments: [], schemaVersion: itemSchemaVersion };
  assert.equal(upgradeResponse(items, { previous: undefined, newId: seededIds('x') }), items);
  assert.throws(() => upgradeResponse({ ...current, schemaVersion: itemSchemaVersion + 1 }, { previous: undefined, newId: seededIds('x') }), /newer release/);
});
