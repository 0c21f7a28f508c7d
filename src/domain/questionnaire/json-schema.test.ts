import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { builtinQuestionnaires } from './builtin/index.ts';
import apac2020 from './builtin/apac-2020.json' with { type: 'json' };
import { questionnaireJsonSchemas } from './json-schema.ts';
import { emptyResponse } from './response.ts';

test('the generated JSON Schemas accept the built-in questionnaires and their empty responses, and name a wrong item', () => {
  const schemas = questionnaireJsonSchemas();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const template = ajv.compile(schemas['questionnaire.schema.json']!);
  const response = ajv.compile(schemas['item-response.schema.json']!);
  assert.ok(template(apac2020), JSON.stringify(template.errors));
  for (const q of builtinQuestionnaires) {
    assert.ok(template(q), `${q.id}: ${JSON.stringify(template.errors)}`);
    assert.ok(response(emptyResponse(q)), `${q.id}: ${JSON.stringify(response.errors)}`);
  }
  const bad = structuredClone(apac2020) as { items: { children?: { kind: string }[] }[] };
  bad.items[3]!.children![0]!.kind = 'poll';
  assert.equal(template(bad), false);
  assert.ok(template.errors!.some((e) => e.instancePath.startsWith('/items/3/children/0')), JSON.stringify(template.errors?.slice(0, 3)));
});
