// The JSON Schema of the item model's templates and responses, generated from the Zod models like
// those of today's model (src/domain/schemas.ts), so that they cannot drift. Not yet published in
// schemas/: that comes with the switch-over (as questionnaire.schema.json, beside template.schema.json).
import { z } from 'zod';
import { Questionnaire } from './questionnaire.ts';
import { ItemResponse } from './response.ts';

export function questionnaireJsonSchemas(): Record<string, object> {
  return {
    'questionnaire.schema.json': {
      $id: 'https://gcm-review.org/schemas/questionnaire.schema.json',
      title: 'GCM Review questionnaire template (item model)',
      ...z.toJSONSchema(Questionnaire, { io: 'input', unrepresentable: 'any' }),
    },
    'item-response.schema.json': {
      $id: 'https://gcm-review.org/schemas/item-response.schema.json',
      title: 'GCM Review response (item model)',
      ...z.toJSONSchema(ItemResponse, { io: 'input', unrepresentable: 'any' }),
    },
  };
}
