// From what the walk found to the response: paragraphs with their markers taken out, footnotes,
// contact, State, principles; then the warnings, each pointing at the line it is about.
import { stateByName } from '../domain/reference.ts';
import { currentSchemaVersion, type Footnote, type Paragraph, type Response } from '../domain/response.ts';
import { proseQuestions } from '../domain/template.ts';
import { validateResponse, type ResponseIssue } from '../domain/validation.ts';
import { footnoteOf, linksIn, sameLink } from './footnotes.ts';
import type { Walked } from './mapper.ts';
import { soleMarkers, takeExplicitMarkers, takeMarkers } from './markers.ts';
import { paragraphText, type DraftParagraph } from './paragraphs.ts';
import { MARKER_OPEN } from './source.ts';
import type { ImportResult, ImportWarning } from './types.ts';

export function assemble(w: Walked): ImportResult {
  const { template, doc, ledger } = w;
  const fullLinks = new Set(w.linkLines.map((l) => l.text));
  const footnotes: Footnote[] = doc.footnotes
    ? doc.footnotes.map((f) => ({ number: f.number, text: f.text.replace(/\s+/g, ' ').trim(), urls: linksIn(f.text) }))
    : w.footnoteBlocks.map((b) => footnoteOf(b.number, b.lines.map((l) => l.text), fullLinks));
  // A link is listed once, on the first footnote that gives it; a later footnote citing the same
  // source again keeps the link in its text.
  const listed = new Set<string>();
  for (const f of footnotes) {
    f.urls = f.urls.filter((u) => !listed.has(u));
    for (const u of f.urls) listed.add(u);
  }
  const defined = new Set(footnotes.map((f) => f.number));

  // Markers are read in the order of the document: the next footnote number is the cue.
  const drafts = [...w.answers.values()].flatMap((a) => a.paragraphs).sort((x, y) => x.lines[0]! - y.lines[0]!);
  // A reader that knows where markers are (DOCX footnotes, PDF superscripts) writes them all: no guessing then.
  const explicit = doc.footnotes !== undefined || doc.lines.some((l) => l.includes(MARKER_OPEN));
  const texts = new Map(drafts.map((p) => [p, paragraphText(p)]));
  const sequence = { next: 1, sole: soleMarkers([...texts.values()]) };
  const read = new Map<DraftParagraph, Paragraph>();
  for (const p of drafts) {
    const text = texts.get(p)!;
    const m = explicit ? takeExplicitMarkers(text) : takeMarkers(text, sequence, (n) => defined.has(n));
    read.set(p, { number: p.number, ...(p.label ? { label: p.label } : {}), text: m.text, footnotes: m.footnotes, anchors: m.anchors });
  }
  const answers = proseQuestions(template).map((q) => ({
    question: q.key,
    paragraphs: (w.answers.get(q.key)?.paragraphs ?? []).map((p) => read.get(p)!),
  }));

  // Links repeated on lines of their own: the same link as a footnote's (or the form's) counts once.
  const bodyText = [...read.values()].map((p) => p.text).join('\n');
  for (const l of w.linkLines) {
    if (footnotes.some((f) => f.urls.some((u) => sameLink(u, l.text))) || bodyText.includes(l.text)) ledger.place(l.text);
    else if (w.form.printsLink(l.text)) ledger.template(l.text);
    else ledger.leave(l.no, l.text);
  }
  ledger.unplaced.sort((a, b) => a.line - b.line);

  const contact = Object.fromEntries(template.contactFields.map((f) => [f.key, w.contact.get(f.key)?.value ?? '']));
  const countryField = template.contactFields.find((f) => f.kind === 'country') ?? template.contactFields.find((f) => f.key === 'country');
  const country = countryField ? (contact[countryField.key] ?? '') : '';
  const state = country ? stateByName(country) : undefined;
  const tidy = (s: string) => (explicit ? takeExplicitMarkers(s).text : s).replace(/\s+/g, ' ').trim();

  const response: Response = {
    schemaVersion: currentSchemaVersion,
    templateId: template.id,
    state: state ? { iso3: state.iso3, name: state.name } : null,
    contact,
    consent: w.consent?.boxes.value ?? 'unanswered',
    answers,
    principles: template.principles.map((p) => {
      const row = w.principles.get(p.key);
      return { principle: p.key, integrated: row?.value ?? 'unanswered', explanation: tidy(row?.explanation.join(' ') ?? '') };
    }),
    footnotes,
    attachments: [],
  };

  const warnings = [
    ...validateResponse(template, response).map((issue) => located(w, issue)),
    ...importWarnings(w, country, state !== undefined, countryField?.key),
  ];
  const furniture = ledger.furniture.length ? { furniture: ledger.furniture } : {};
  return { ...response, import: { language: template.language, unplaced: ledger.unplaced, ...furniture, warnings, accounting: ledger.accounting() } };
}

/** A validation finding, with the document line it is about. */
function located(w: Walked, issue: ResponseIssue): ImportWarning {
  const { severity, code, message, question, paragraph, footnote, field, principle } = issue;
  let line: number | undefined;
  if (field === 'consent') line = w.consent?.line;
  else if (field) line = w.contact.get(field)?.line;
  else if (principle) line = w.principles.get(principle)?.line;
  else if (question && issue.paragraphIndex !== undefined) line = w.answers.get(question)?.paragraphs[issue.paragraphIndex]?.lines[0];
  else if (footnote !== undefined) line = w.footnoteBlocks.find((b) => b.number === footnote)?.lines[0]?.no;
  else if (question) line = w.prompts.get(question);
  return strip({ code, severity, message, line, question, paragraph, footnote, field, principle });
}

function importWarnings(w: Walked, country: string, known: boolean, countryKey: string | undefined): ImportWarning[] {
  const { template } = w;
  const out: ImportWarning[] = [];
  const asked = [...proseQuestions(template).map((q) => q.key), ...(template.principlesQuestion ? [template.principlesQuestion.key] : [])];
  for (const key of asked) {
    if (!w.prompts.has(key)) {
      out.push({
        code: 'prompt-not-found',
        severity: 'warning',
        question: key,
        message: `The prompt of question ${key} was not found in the document, so an answer to it, if there is one, was read as part of the text before it.`,
      });
    }
  }
  if (country && !known) {
    out.push(strip({
      code: 'unknown-state',
      severity: 'warning',
      field: countryKey,
      line: countryKey ? w.contact.get(countryKey)?.line : undefined,
      message: `The country "${country}" in the contact block is not a State we know; please choose the State by hand.`,
    }));
  }
  if (w.consent?.boxes.conflict) {
    out.push({ code: 'boxes-both-ticked', severity: 'warning', field: 'consent', line: w.consent.line, message: 'Both boxes of the consent to share the report are ticked; it is read as not answered.' });
  }
  const rows = [...w.principles.values()];
  for (const r of rows.filter((r) => r.conflict)) {
    out.push({ code: 'boxes-both-ticked', severity: 'warning', principle: r.key, line: r.line, message: `Both boxes of the guiding principle "${r.title}" are ticked; it is read as not answered.` });
  }
  const lost = rows.filter((r) => r.lost && !r.conflict);
  if (lost.length || (w.consent?.boxes.lost && !w.consent.boxes.conflict)) {
    const what = [...(w.consent?.boxes.lost ? ['the consent'] : []), ...lost.map((r) => `"${r.title}"`)];
    out.push(strip({
      code: 'box-glyph-lost',
      severity: 'info',
      line: w.consent?.boxes.lost ? w.consent.line : lost[0]?.line,
      message: `${what.length === 1 ? 'One answer' : `${what.length} answers`} (${what.join(', ')}) had a "=yes" or "=no" with no box before it, next to an empty box: read as ticked, since a ticked box often disappears when a PDF is turned into text. Please check.`,
    }));
  }
  const unplaced = w.ledger.unplaced;
  if (unplaced.length) out.push(unplacedWarning(unplaced, w.ledger.accounting().charsUnplaced, 'question'));
  for (const message of w.doc.readerWarnings ?? []) out.push({ code: 'reader', severity: 'info', message });
  return out;
}

/** The note on text that belongs to no question (fixed slots) or item (item model), naming its lines. */
export function unplacedWarning(unplaced: readonly { line: number }[], chars: number, owner: 'question' | 'item') {
  const first = unplaced[0]!.line;
  return {
    code: 'unplaced-text',
    severity: 'info',
    line: first,
    message:
      unplaced.length === 1
        ? `One piece of text (${chars} characters) belongs to no ${owner} and is listed as unplaced: line ${first}.`
        : `${unplaced.length} pieces of text (${chars} characters) belong to no ${owner} and are listed as unplaced: lines ${unplaced.map((u) => u.line).join(', ')}.`,
  } as const;
}

/** Drops the keys whose value is undefined, so that the JSON stays small. */
function strip(w: { [K in keyof ImportWarning]: ImportWarning[K] | undefined }): ImportWarning {
  return Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined)) as unknown as ImportWarning;
}
