// Export → import gives the same response: each fictional demo response is written to DOCX, to
// text and (through LibreOffice) to PDF, read back by the importer (readSource + mapDocument), and
// compared field by field: contact, consent, State, every answer's paragraphs (numbers, letters,
// texts, footnote markers and anchors), the principles, the footnotes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Paragraph, Response } from '../../src/domain/response.ts';
import { exportDocx } from '../../src/export/docx.ts';
import { exportText } from '../../src/export/txt.ts';
import { importDocument, type ImportResult } from '../../src/ingest/index.ts';
import { demoNames, demoPdf, demoResponse, formTemplate } from '../fixtures/docs/arvenia.ts';
import { needOffice } from '../support/office.ts';

const template = formTemplate();
const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * What must survive a round trip. Layout that a reader cannot see is left out: the line breaks
 * of a contact value (a table cell shows them as a wrapped line), and where a footnote's links
 * stand (the document prints them after its text; the importer keeps them there and in `urls`).
 */
function essentials(r: Response) {
  const paragraph = (p: Paragraph) => ({ number: p.number, label: p.label ?? null, text: p.text, footnotes: p.footnotes, anchors: p.anchors ?? [] });
  return {
    state: r.state,
    contact: Object.fromEntries(template.contactFields.map((f) => [f.key, squeeze(r.contact[f.key] ?? '')])),
    consent: r.consent,
    answers: Object.fromEntries(r.answers.filter((a) => a.paragraphs.length).map((a) => [a.question, a.paragraphs.map(paragraph)])),
    principles: Object.fromEntries(r.principles.map((p) => [p.principle, { integrated: p.integrated, explanation: squeeze(p.explanation) }])),
    footnotes: r.footnotes.map((f) => ({ number: f.number, text: squeeze(f.urls.reduce((t, u) => t.replace(u, ''), f.text)), urls: f.urls })),
  };
}

function assertSameResponse(got: ImportResult, want: Response, what: string) {
  const a = essentials(got);
  const b = essentials(want);
  for (const key of Object.keys(b) as (keyof typeof b)[]) assert.deepEqual(a[key], b[key], `${what}: ${key} differs`);
  assert.deepEqual(got.import.unplaced, [], `${what}: text left over`);
}

for (const name of demoNames) {
  const response = demoResponse(name);

  test(`${name}: DOCX export → import gives the same response`, async () => {
    const bytes = await exportDocx(template, response);
    assertSameResponse(await importDocument(bytes, `${name}.docx`, template), response, `${name}.docx`);
  });

  test(`${name}: text export → import gives the same response`, async () => {
    const bytes = new TextEncoder().encode(exportText(template, response));
    assertSameResponse(await importDocument(bytes, `${name}.txt`, template), response, `${name}.txt`);
  });

  test(`${name}: DOCX export → LibreOffice PDF → import gives the same response`, async (t) => {
    if (!needOffice(t)) return;
    assertSameResponse(await importDocument(await demoPdf(name), `${name}.pdf`, template), response, `${name}.pdf`);
  });
}
