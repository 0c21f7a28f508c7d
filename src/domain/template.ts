// Questionnaire templates as data. A template says what a respondent is asked; it holds no answers.
// The Zod schema is the single source of truth: types, validation messages and the published
// JSON Schema (schemas/template.schema.json) all come from it.
import { z } from 'zod';
import { clusters as gcmClusters, objectives, principles as gcmPrinciples } from './reference.ts';

const Key = z
  .string()
  .regex(/^[0-9]+[a-z]?$/, 'a question key is a number, optionally followed by one letter, e.g. "1a" or "6"');
const Text = z.string().trim().min(1, 'must not be empty');

export const ContactField = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'a field key is camelCase letters and digits, e.g. "mailingAddress"'),
  label: Text,
  kind: z.enum(['text', 'email', 'tel', 'multiline', 'country']).default('text'),
  required: z.boolean().default(true),
});

export const Question = z.object({
  key: Key,
  /** The letter or number printed before the prompt in the form ("a", "6"). */
  label: z.string().optional(),
  prompt: Text,
  /** Suggested length in words ("about 500 words"); a guide, not a limit. */
  wordGuidance: z.number().int().positive().optional(),
  attachmentsAllowed: z.boolean().default(true),
});

export const Cluster = z.object({
  number: z.number().int().positive(),
  title: Text,
  objectives: z
    .array(z.number().int())
    .min(1)
    .refine((ns) => ns.every((n) => objectives.some((o) => o.number === n)), 'GCM objectives are numbered 1 to 23'),
  /** The line printed above the cluster, e.g. "Questions (about 500 words per question 1a, 1b, …)". */
  heading: z.string().optional(),
  questions: z.array(Question).min(1),
});

export const PrincipleItem = z.object({
  key: z
    .string()
    .refine((k) => gcmPrinciples.some((p) => p.key === k), {
      message: `must be one of the ten guiding principles: ${gcmPrinciples.map((p) => p.key).join(', ')}`,
    }),
  title: Text,
});

export const Template = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'an id is lower-case letters, digits and hyphens, e.g. "apac-2020"'),
    version: z.number().int().positive().default(1),
    /** The title printed at the head of the form, e.g. "Voluntary GCM Review". */
    title: Text,
    /** What lists call the template, e.g. "Asia-Pacific voluntary GCM review 2020"; the title when absent. */
    name: z.string().trim().min(1, 'must not be empty').optional(),
    subtitle: z.string().optional(),
    /** Who answers: a State's coordinating office, or a stakeholder (civil society, academia, …). */
    respondentType: z.enum(['state', 'stakeholder']).default('state'),
    language: z.string().default('en'),
    meeting: z.object({ name: Text, place: z.string().optional(), dates: z.string().optional() }).optional(),
    /** Paragraphs that explain the mandate and what the results feed. */
    mandate: z.array(Text).default([]),
    contactIntro: z.string().optional(),
    contactFields: z.array(ContactField).min(1, 'a template needs at least one contact field'),
    /** How to return the form: deadline and addresses, as printed. */
    returnInstructions: z.string().optional(),
    consent: z.object({ prompt: Text, yesLabel: z.string().default('Yes'), noLabel: z.string().default('No') }).optional(),
    /** The heading printed above the instructions, e.g. "Instructions:". */
    instructionsHeading: z.string().optional(),
    instructions: z.array(Text).default([]),
    clusters: z.array(Cluster).default([]),
    principlesQuestion: z
      .object({ key: Key, prompt: Text, integratedLabel: z.string().optional(), explanationLabel: z.string().optional() })
      .optional(),
    principles: z.array(PrincipleItem).default([]),
    openQuestionsHeading: z.string().optional(),
    openQuestions: z.array(Question).default([]),
    closing: z.string().optional(),
  })
  .superRefine((t, ctx) => {
    const seen = new Map<string, string>();
    const note = (key: string, path: (string | number)[]) => {
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path, message: `question key "${key}" is used twice (first at ${seen.get(key)})` });
      } else seen.set(key, path.join('.'));
    };
    t.clusters.forEach((c, ci) => c.questions.forEach((q, qi) => note(q.key, ['clusters', ci, 'questions', qi, 'key'])));
    if (t.principlesQuestion) note(t.principlesQuestion.key, ['principlesQuestion', 'key']);
    t.openQuestions.forEach((q, qi) => note(q.key, ['openQuestions', qi, 'key']));
    const fieldKeys = new Set<string>();
    t.contactFields.forEach((f, i) => {
      if (fieldKeys.has(f.key)) ctx.addIssue({ code: 'custom', path: ['contactFields', i, 'key'], message: `contact field "${f.key}" is used twice` });
      fieldKeys.add(f.key);
    });
    if (t.principles.length > 0 && !t.principlesQuestion) {
      ctx.addIssue({ code: 'custom', path: ['principlesQuestion'], message: 'principles are listed but there is no principlesQuestion to ask about them' });
    }
  });

export type Template = z.infer<typeof Template>;
export type TemplateInput = z.input<typeof Template>;
export type Question = z.infer<typeof Question>;
export type TemplateCluster = z.infer<typeof Cluster>;
export type ContactField = z.infer<typeof ContactField>;

/** A problem found in a template file, with the path of the field that is wrong. */
export interface FieldProblem {
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Validates untrusted template data (parsed from JSON or YAML) and names every bad field. */
export function parseTemplate(data: unknown): Parsed<Template> {
  const result = Template.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

/** "clusters[0].questions[2].prompt": the way a person would point at the field in the file. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the template as a whole)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** What lists and menus call a template. */
export function templateName(t: Pick<Template, 'name' | 'title'>): string {
  return t.name ?? t.title;
}

/** Every question a respondent answers in prose, in the order of the form. */
export function proseQuestions(t: Template): Question[] {
  return [...t.clusters.flatMap((c) => c.questions), ...t.openQuestions];
}

export function questionByKey(t: Template, key: string): Question | undefined {
  return proseQuestions(t).find((q) => q.key === key);
}

/** The cluster a question belongs to, if any (open questions belong to none). */
export function clusterOfQuestion(t: Template, key: string): TemplateCluster | undefined {
  return t.clusters.find((c) => c.questions.some((q) => q.key === key));
}

/** The IMRF cluster in the reference data whose objectives match a template cluster. */
export function referenceCluster(c: TemplateCluster) {
  return gcmClusters.find((g) => g.objectives.join() === c.objectives.join());
}
