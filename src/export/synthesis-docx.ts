// The synthesis of a cycle as a Word document (docx): a heading per round table and, under it, per
// objective, saying who addressed it and quoting the strongest excerpts with their State, question
// and paragraph; then the States × objectives table (paragraph counts), the figures, the good
// practices and the gaps and challenges. Stakeholders' inputs are labelled as such throughout.
import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Coverage, Excerpt } from '../domain/analysis/synthesis.ts';
import type { FigureValue } from '../domain/analysis/types.ts';
import { objectives } from '../domain/reference.ts';
import type { CycleSynthesis } from '../services/synthesis.ts';

const FONT = 'Calibri';

const label = (r: { name: string; respondent: string }) => (r.respondent === 'stakeholder' ? `${r.name} (stakeholder)` : r.name);
const where = (e: { question: string | null; paragraph: number | null }) => [e.question ? `question ${e.question}` : null, e.paragraph === null ? null : `paragraph ${e.paragraph}`].filter(Boolean).join(', ');

function coverageLine(states: Coverage[], stakeholders: Coverage[]): Paragraph {
  const list = (cs: Coverage[]) => cs.map((c) => `${c.name} (${c.paragraphs})`).join(', ');
  const text = states.length ? `Addressed by ${states.length} State${states.length === 1 ? '' : 's'} (paragraphs): ${list(states)}.` : 'No State addressed it.';
  const runs = [new TextRun(text)];
  if (stakeholders.length) runs.push(new TextRun({ text: ` Stakeholders: ${list(stakeholders)}.`, italics: true }));
  return new Paragraph({ children: runs, spacing: { after: 120 } });
}

function excerptParagraphs(excerpts: Excerpt[]): Paragraph[] {
  return excerpts.map(
    (e) =>
      new Paragraph({
        indent: { left: 360 },
        spacing: { after: 120 },
        children: [new TextRun({ text: `“${e.text}”`, italics: true }), new TextRun({ text: ` — ${label(e)}, ${where(e)}`, bold: true })],
      }),
  );
}

const cell = (text: string, opts: { bold?: boolean; width?: number } = {}) =>
  new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: opts.bold, size: 14 })] })],
  });

function matrixTable(s: CycleSynthesis): Table {
  const header = new TableRow({ tableHeader: true, children: [cell('State', { bold: true, width: 2600 }), ...objectives.map((o) => cell(String(o.number), { bold: true, width: 520 }))] });
  const rows = s.objectiveMatrix.map((r) => new TableRow({ children: [cell(label(r), { width: 2600 }), ...r.counts.map((c) => cell(c ? String(c) : '', { width: 520 }))] }));
  return new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } });
}

const valueText = (v: FigureValue): string => (typeof v === 'object' ? `${valueText(v.from)}–${valueText(v.to)}` : typeof v === 'number' ? v.toLocaleString('en') : v);

export async function synthesisDocx(s: CycleSynthesis): Promise<Uint8Array> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: `Synthesis: ${s.cycle.title}` }),
    new Paragraph({
      text: `${s.submissions.length} submission${s.submissions.length === 1 ? '' : 's'} (${s.scope === 'all' ? 'every one with a saved version' : 'those handed in'}): ${s.respondents.map(label).join(', ') || 'none'}.`,
    }),
  ];
  for (const c of s.clusters) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: `Round table ${c.number}: ${c.title}` }));
    body.push(coverageLine(c.states, c.stakeholders));
    for (const n of c.objectives) {
      const o = s.objectives.find((x) => x.number === n)!;
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: `Objective ${o.number}: ${o.title}` }));
      body.push(coverageLine(o.states, o.stakeholders));
      body.push(...excerptParagraphs(o.excerpts));
    }
  }
  const outside = s.objectives.filter((o) => o.cluster === null);
  if (outside.length) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Objectives outside the round tables' }));
    for (const o of outside) {
      body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: `Objective ${o.number}: ${o.title}` }), coverageLine(o.states, o.stakeholders), ...excerptParagraphs(o.excerpts));
    }
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'States × objectives' }));
  body.push(new Paragraph({ text: 'Paragraphs speaking to each GCM objective, per respondent.' }));
  body.push(matrixTable(s));
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Figures reported' }));
  for (const f of s.figures) {
    // A year or a date is its own value; a quantity is given as read, with its unit, what it counts and its year.
    const read = f.unit === 'year' || f.unit === 'date' ? [f.what] : [`${valueText(f.value)} ${f.unit}`, f.what, f.year === null ? null : String(f.year)];
    const detail = read.filter(Boolean).join(', ');
    body.push(new Paragraph({ bullet: { level: 0 }, text: `${label(f)}, ${where(f)}: ${f.raw}${detail ? ` (${detail})` : ''}` }));
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Good practices' }));
  for (const g of s.goodPractices) body.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(g.text), new TextRun({ text: ` — ${label(g)}, question ${g.question}`, bold: true })] }));
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Gaps and challenges' }));
  for (const c of s.challenges) body.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(c.text), new TextRun({ text: ` — ${label(c)}, ${where(c)}`, bold: true })] }));

  const doc = new Document({
    creator: 'GCM Review',
    title: `Synthesis: ${s.cycle.title}`,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children: body }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
