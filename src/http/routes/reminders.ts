// A cycle's scheduled reminders: the rules (a day counted from the deadline, and the words to send)
// that the reminder job (src/jobs) mails by. The secretariat reads them; its administrators add,
// change and remove them. "Remind now" is POST /api/cycles/{id}/reminders (routes/tracking.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cycleStatuses } from '../../domain/workflow.ts';
import { maxOffsetDays } from '../../services/reminders.ts';
import type { RouteDeps } from '../deps.ts';
import { access } from '../openapi.ts';
import { apiSchemas, CycleParams, problemResponses } from '../schemas.ts';

const ReminderRuleSchema = z.object({
  id: z.string(),
  cycleId: z.string(),
  offsetDays: z.number().int().describe('Days from the deadline: negative before it, 0 on the day, positive after.'),
  sendOn: z.string().describe('The day the reminder goes out (the deadline plus the offset), YYYY-MM-DD.'),
  subject: z.string().nullable().describe("The secretariat's subject line; null for the built-in one."),
  body: z.string().nullable().describe("The secretariat's text, paragraphs separated by blank lines; null for the built-in one."),
  delivered: z.number().int().describe('How many States it has reminded.'),
  createdAt: z.string(),
});
apiSchemas.add(ReminderRuleSchema, { id: 'ReminderRule', description: "When a cycle's reminder goes out to the States that have not handed in, and in which words." });

const ReminderRulesSchema = z.object({
  cycle: z.object({ id: z.string(), title: z.string(), deadline: z.string(), status: z.enum(cycleStatuses) }),
  rules: z.array(ReminderRuleSchema),
  placeholders: z.array(z.string()).describe("What a rule's words may name, as {name}."),
  builtIn: z.object({ subject: z.string(), body: z.string() }).describe('The words of a rule without its own (English).'),
});

const Words = {
  subject: z.string().nullable().optional().describe('Empty or null: the built-in subject. One line, with the placeholders listed by GET.'),
  body: z.string().nullable().optional().describe('Empty or null: the built-in text. Paragraphs separated by blank lines.'),
};
const Offset = z.number().int().min(-maxOffsetDays).max(maxOffsetDays).describe('Days from the deadline: negative before it, 0 on the day, positive after.');
const NewRule = z.object({ offsetDays: Offset, ...Words });
const RuleChange = z.object({ offsetDays: Offset.optional(), ...Words });
const RuleParams = CycleParams.extend({ ruleId: z.string().min(1) });

export const reminderRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { services }) => {
  const common = { tags: ['cycles', 'mail'], security: [{ session: [] }] };

  app.get(
    '/api/cycles/:id/reminder-rules',
    {
      schema: {
        ...access('secretariat'),
        ...common,
        summary: "A cycle's scheduled reminders",
        description: 'Its rules, earliest first, each with the day it goes out and how many States it has reminded; the placeholders and the built-in words.',
        params: CycleParams,
        response: { 200: ReminderRulesSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => services.reminders.list(request.actor, request.params.id),
  );

  app.post(
    '/api/cycles/:id/reminder-rules',
    {
      schema: {
        ...access('secretariat-admin'),
        ...common,
        summary: 'Add a scheduled reminder',
        description: 'On its day, each invited State that has not handed in is mailed once (its coordinators). One rule per day of a cycle (409 for a second). Audited (reminder.add).',
        params: CycleParams,
        body: NewRule,
        response: { 201: ReminderRuleSchema, ...problemResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => reply.code(201).send(await services.reminders.add(request.actor, request.params.id, request.body)),
  );

  app.patch(
    '/api/cycles/:id/reminder-rules/:ruleId',
    {
      schema: {
        ...access('secretariat-admin'),
        ...common,
        summary: 'Change a scheduled reminder',
        description: 'Its day or its words; what is absent stays. Audited (reminder.update).',
        params: RuleParams,
        body: RuleChange,
        response: { 200: ReminderRuleSchema, ...problemResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request) => services.reminders.update(request.actor, request.params.id, request.params.ruleId, request.body),
  );

  app.delete(
    '/api/cycles/:id/reminder-rules/:ruleId',
    {
      schema: {
        ...access('secretariat-admin'),
        ...common,
        summary: 'Remove a scheduled reminder',
        description: 'Answers the rule as it was. Audited (reminder.remove).',
        params: RuleParams,
        response: { 200: ReminderRuleSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => services.reminders.remove(request.actor, request.params.id, request.params.ruleId),
  );
};
