// The published JSON Schemas, generated from the Zod models so that they cannot drift.
import { z } from 'zod';
import { Template } from './template.ts';
import { Response } from './response.ts';

export function jsonSchemas(): Record<string, object> {
  return {
    'template.schema.json': withId(z.toJSONSchema(Template, { io: 'input', unrepresentable: 'any' }), 'template', 'GCM Review questionnaire template'),
    'response.schema.json': withId(z.toJSONSchema(Response, { io: 'input', unrepresentable: 'any' }), 'response', 'GCM Review response'),
  };
}

function withId(schema: object, name: string, title: string): object {
  return { $id: `https://gcm-review.org/schemas/${name}.schema.json`, title, ...schema };
}
