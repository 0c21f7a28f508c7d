// A cycle on apac-2020 (or any template that fits fixed slots) stores Responses and serves its
// template as fixed slots; a cycle whose form is a questionnaire of the item model, ItemResponses
// and the questionnaire. Tests of the first kind say so here, and fail plainly if it is the other.
import assert from 'node:assert/strict';
import type { Questionnaire } from '../../src/domain/questionnaire/questionnaire.ts';
import type { ItemResponse } from '../../src/domain/questionnaire/response.ts';
import type { Response } from '../../src/domain/response.ts';
import type { Template } from '../../src/domain/template.ts';

/** The response of a fixed-slot cycle. */
export function fixedSlots(r: Response | ItemResponse): Response {
  assert.ok(Array.isArray(r.answers), 'expected a fixed-slot Response (answers as a list), got an ItemResponse');
  return r as Response;
}

/** The template of a fixed-slot cycle. */
export function fixedSlotTemplate(t: Template | Questionnaire): Template {
  assert.ok(!('items' in t), 'expected a fixed-slot Template, got a Questionnaire of the item model');
  return t as Template;
}
