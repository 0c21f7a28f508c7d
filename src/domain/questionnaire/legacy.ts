// Between today's fixed-slot model (src/domain/template.ts, src/domain/response.ts) and the item
// model: a fixed-slot template re-expressed as items, and a stored response converted to the
// answer map and back, so that migrating stored responses is a function call.
import type { Template } from '../template.ts';
import { clusters as gcmClusters } from '../reference.ts';
import { Response, type Answer as LegacyAnswer, type Attachment, type PrincipleAnswer } from '../response.ts';
import type { AttachmentAnswer } from './kinds/attachment.ts';
import type { ChecklistAnswer, ChecklistItem } from './kinds/checklist.ts';
import { consentOf, type ChoiceAnswer, type ChoiceItem } from './kinds/choice.ts';
import type { ContactAnswer, ContactItem } from './kinds/contact.ts';
import type { ProseAnswer } from './kinds/prose.ts';
import { answeredItems, Questionnaire, walk, type QuestionnaireInput } from './questionnaire.ts';
import type { Answer, Item } from './registry.ts';
import type { ItemResponse } from './response.ts';

/**
 * A fixed-slot template as an item tree, text for text: the contact block (its introduction, fields
 * and the return instructions below it), the consent, the instructions, one section per cluster
 * (its heading line, number, title and objectives) with its questions, the principles checklist,
 * the open questions under their heading.
 */
export function fromFixedSlots(t: Template): Questionnaire {
  const items: Item[] = [
    compact({
      kind: 'contact',
      key: 'contact',
      introduction: t.contactIntro,
      fields: t.contactFields.map((f) => ({ key: f.key, label: f.label, type: f.kind, required: f.required })),
      afterword: t.returnInstructions,
    }) as Item,
  ];
  if (t.consent) {
    items.push({
      kind: 'choice',
      key: 'consent',
      prompt: t.consent.prompt,
      multiple: false,
      role: 'publication-consent',
      options: [
        { value: 'yes', label: t.consent.yesLabel },
        { value: 'no', label: t.consent.noLabel },
      ],
    });
  }
  if (t.instructionsHeading !== undefined || t.instructions.length > 0) {
    // Printed as the paper form does: the instructions as bullets, under no heading.
    items.push(
      compact({ kind: 'section', key: 'instructions', heading: t.instructionsHeading, headingStyle: 'hidden', introductionStyle: 'bullets', introduction: t.instructions, children: [] }) as Item,
    );
  }
  for (const c of t.clusters) {
    const reference = gcmClusters.find((g) => g.objectives.join() === c.objectives.join());
    items.push(
      compact({
        kind: 'section',
        key: `cluster-${c.number}`,
        label: String(c.number),
        preface: c.heading,
        heading: c.title,
        introduction: [],
        concerns: { ...(reference ? { clusters: [reference.number] } : {}), objectives: c.objectives },
        children: c.questions.map(proseItem),
      }) as Item,
    );
  }
  const pq = t.principlesQuestion;
  if (pq) {
    items.push(
      compact({
        kind: 'checklist',
        key: pq.key,
        label: pq.key,
        prompt: pq.prompt,
        role: 'guiding-principles',
        answerLabel: pq.integratedLabel,
        explanationLabel: pq.explanationLabel,
        rows: t.principles.map((p) => ({ key: p.key, text: p.title })),
      }) as Item,
    );
  }
  if (t.openQuestions.length > 0 || t.openQuestionsHeading !== undefined) {
    // Its heading is a plain line, and each answer follows "Answer:".
    const open = t.openQuestions.map((q) => ({ ...proseItem(q), answerLead: 'Answer:' }) as Item);
    items.push(compact({ kind: 'section', key: 'open-questions', heading: t.openQuestionsHeading, headingStyle: 'plain', introduction: [], children: open }) as Item);
  }
  const draft = compact({
    id: t.id,
    version: t.version,
    name: t.name,
    title: t.title,
    subtitle: t.subtitle,
    respondentType: t.respondentType,
    language: t.language,
    languages: [t.language],
    meeting: t.meeting && compact(t.meeting),
    introduction: t.mandate,
    items,
    closing: t.closing,
  });
  return Questionnaire.parse(draft satisfies QuestionnaireInput);
}

function proseItem(q: Template['clusters'][number]['questions'][number]): Item {
  return compact({ kind: 'prose', key: q.key, label: q.label, prompt: q.prompt, wordGuidance: q.wordGuidance, attachmentsAllowed: q.attachmentsAllowed }) as Item;
}

/** The object without its undefined properties (so that a converted template equals one read from JSON). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The slots of a fixed-slot response in an item template: its contact block, consent and principles checklist. */
function slots(template: Questionnaire) {
  const items = answeredItems(template).map((w) => w.item);
  return {
    contact: items.find((i): i is ContactItem => i.kind === 'contact'),
    consent: items.find((i): i is ChoiceItem => i.kind === 'choice' && i.role === 'publication-consent'),
    principles: items.find((i): i is ChecklistItem => i.kind === 'checklist' && i.role === 'guiding-principles') ?? items.find((i): i is ChecklistItem => i.kind === 'checklist'),
    attachmentKeys: new Set(items.filter((i) => i.kind === 'attachment').map((i) => i.key)),
  };
}

/**
 * A stored response as an answer map. Contact fields, consent and principle rows go to the template's
 * contact block, publication-consent choice and principles checklist; each prose answer to its key
 * (an answer to a key the template does not have is kept as a prose answer, which validation
 * reports); two answers to one question are read together, as today's checks read them.
 * Files attached to an attachment item move into its answer. What has no place in the template
 * (see legacyLosses) is left out.
 */
export function fromLegacyResponse(template: Questionnaire, r: Response): ItemResponse {
  const s = slots(template);
  const answers: Record<string, Answer> = {};
  if (s.contact) answers[s.contact.key] = { kind: 'contact', fields: { ...r.contact } } satisfies ContactAnswer;
  if (s.consent) answers[s.consent.key] = { kind: 'choice', selected: r.consent === 'unanswered' ? [] : [r.consent], specified: {} } satisfies ChoiceAnswer;
  const notProse = new Set(walk(template).flatMap((w) => (w.item.key !== undefined && w.item.kind !== 'prose' ? [w.item.key] : [])));
  for (const a of r.answers) {
    if (notProse.has(a.question)) continue; // no place for it: legacyLosses says so
    const before = answers[a.question];
    const paragraphs = before?.kind === 'prose' ? [...before.paragraphs, ...a.paragraphs] : a.paragraphs;
    answers[a.question] = { kind: 'prose', paragraphs } satisfies ProseAnswer;
  }
  if (s.principles) {
    answers[s.principles.key] = {
      kind: 'checklist',
      rows: Object.fromEntries(r.principles.map((p) => [p.principle, { value: p.integrated, explanation: p.explanation }])),
    } satisfies ChecklistAnswer;
  }
  const attachments: Attachment[] = [];
  for (const file of r.attachments) {
    const key = file.question;
    if (key !== undefined && s.attachmentKeys.has(key)) {
      const answer = (answers[key] ??= { kind: 'attachment', attachments: [] }) as AttachmentAnswer;
      answer.attachments.push(file);
    } else attachments.push(file);
  }
  return { templateId: r.templateId, templateVersion: template.version, state: r.state, answers, footnotes: r.footnotes, attachments };
}

/**
 * What fromLegacyResponse leaves out or changes for this template, one sentence each (none for the
 * demo responses and apac-2020): a written answer to an item that is not a prose question (today's
 * domain accepted one to question 5), a consent, principles or contact details with no item to hold
 * them, two answers to one question read as one. A migration logs these or refuses to go on.
 */
export function legacyLosses(template: Questionnaire, r: Response): string[] {
  const s = slots(template);
  const losses: string[] = [];
  const byKey = new Map(walk(template).flatMap((w) => (w.item.key !== undefined ? [[w.item.key, w.item] as const] : [])));
  const seen = new Set<string>();
  for (const a of r.answers) {
    const item = byKey.get(a.question);
    if (item && item.kind !== 'prose' && a.paragraphs.some((p) => p.text.trim() !== '')) {
      losses.push(`The written answer to ${a.question} (${a.paragraphs.length} paragraphs) is left out: in this template ${a.question} is a ${item.kind}, not a prose question.`);
    } else if (seen.has(a.question)) {
      losses.push(`The two answers to ${a.question} are read as one, their paragraphs in order.`);
    }
    seen.add(a.question);
  }
  if (!s.consent && r.consent !== 'unanswered') losses.push(`The consent ("${r.consent}") is left out: the template has no publication-consent choice.`);
  if (!s.principles && r.principles.length > 0) losses.push(`The ${r.principles.length} principle rows are left out: the template has no checklist.`);
  if (!s.contact && Object.values(r.contact).some((v) => v.trim() !== '')) losses.push('The contact details are left out: the template has no contact block.');
  return losses;
}

/** An answer map as a stored response of today's model: prose answers in the order of the form, then any the form does not have. */
export function toLegacyResponse(template: Questionnaire, q: ItemResponse): Response {
  const s = slots(template);
  const contact = s.contact ? q.answers[s.contact.key] : undefined;
  const consent = s.consent ? q.answers[s.consent.key] : undefined;
  const principles = s.principles ? q.answers[s.principles.key] : undefined;
  const order = walk(template).flatMap((w) => (w.item.kind === 'prose' ? [w.item.key] : []));
  const known = new Set(order);
  const proseKeys = [...order, ...Object.keys(q.answers).filter((k) => !known.has(k) && q.answers[k]!.kind === 'prose')];
  const answers: LegacyAnswer[] = proseKeys.flatMap((key) => {
    const a = q.answers[key];
    return a?.kind === 'prose' ? [{ question: key, paragraphs: a.paragraphs }] : [];
  });
  const rows = principles?.kind === 'checklist' ? principles.rows : {};
  const rowOrder = [...(s.principles?.rows.map((r) => r.key) ?? []).filter((k) => k in rows), ...Object.keys(rows).filter((k) => !s.principles?.rows.some((r) => r.key === k))];
  const principleAnswers: PrincipleAnswer[] = rowOrder.map((k) => ({ principle: k, integrated: rows[k]!.value, explanation: rows[k]!.explanation }));
  const attached = [...s.attachmentKeys].flatMap((k) => {
    const a = q.answers[k];
    return a?.kind === 'attachment' ? a.attachments : [];
  });
  // Parsed, so that what today's model sets by default (its schema version) is set as it sets it.
  return Response.parse({
    templateId: q.templateId,
    state: q.state,
    contact: contact?.kind === 'contact' ? { ...contact.fields } : {},
    consent: consent?.kind === 'choice' ? consentOf(consent) : 'unanswered',
    answers,
    principles: principleAnswers,
    footnotes: q.footnotes,
    attachments: [...q.attachments, ...attached],
  });
}
