// A response written as a Word document laid out like the questionnaire (see form-layout.ts).
// Answer paragraphs use Word's automatic numbering, continued across questions as the form does
// (a gap in the numbers starts a list at the next number); footnotes are real Word footnotes at the
// paragraph's anchors; every box (consent, checklist rows, choices) is a Word check box content
// control, so a blank form exported from here can be filled in Word and imported again.
import {
  AlignmentType,
  BorderStyle,
  CheckBox,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import type { ItemResponse } from '../domain/questionnaire/response.ts';
import type { Response } from '../domain/response.ts';
import type { Template } from '../domain/template.ts';
import { exportForm, formLayout, respondentName, textOf, type Block, type ExportForm, type Run } from './form-layout.ts';
import { footnoteText } from './footnote-text.ts';

const FONT = 'Calibri';
const BULLETS = 'form-bullets';

/** The form as Word: a questionnaire and its ItemResponse, or a fixed-slot template and a stored response (converted). */
export function exportDocx(template: Template | Questionnaire, response: Response | ItemResponse, language?: string): Promise<Uint8Array> {
  return formDocx(exportForm(template, response, language));
}

export async function formDocx(form: ExportForm): Promise<Uint8Array> {
  const blocks = formLayout(form);
  const lists = numberedLists(blocks);
  const footnotes = footnoteBodies(form.response);
  const writer = new BlockWriter(lists, new Set(Object.keys(footnotes).map(Number)));
  const children = blocks.flatMap((b) => writer.write(b));
  const doc = new Document({
    creator: 'GCM Review',
    title: `${textOf(form.questionnaire, form.language)(form.questionnaire.title)}: ${respondentName(form) ?? 'response'}`,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    numbering: {
      config: [
        ...lists.configs.map((c) => ({
          reference: c.reference,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: c.start, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 432, hanging: 432 } } } }],
        })),
        {
          reference: BULLETS,
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '\u2022', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }],
        },
      ],
    },
    footnotes,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Splits the numbered paragraphs into runs of consecutive numbers: one Word list per run. */
function numberedLists(blocks: Block[]): { configs: { reference: string; start: number }[]; referenceOf: Map<Block, string> } {
  const configs: { reference: string; start: number }[] = [];
  const referenceOf = new Map<Block, string>();
  let previous: number | undefined;
  for (const b of blocks) {
    if (b.kind !== 'numbered') continue;
    if (previous === undefined || b.number !== previous + 1) configs.push({ reference: `answer-paragraphs-${configs.length + 1}`, start: b.number });
    referenceOf.set(b, configs[configs.length - 1]!.reference);
    previous = b.number;
  }
  return { configs, referenceOf };
}

function footnoteBodies(response: Pick<ItemResponse, 'footnotes'>): Record<string, { children: Paragraph[] }> {
  const out: Record<string, { children: Paragraph[] }> = {};
  for (const f of response.footnotes) out[String(f.number)] = { children: [new Paragraph({ children: [new TextRun({ text: footnoteText(f), size: 18 })] })] };
  return out;
}

class BlockWriter {
  /** Word can refer to a footnote once; a second citation is written as a raised number. */
  private readonly cited = new Set<number>();

  constructor(
    private readonly lists: ReturnType<typeof numberedLists>,
    private readonly footnotes: Set<number>,
  ) {}

  write(b: Block): (Paragraph | Table)[] {
    switch (b.kind) {
      case 'title':
        return [new Paragraph({ text: b.text, heading: HeadingLevel.TITLE })];
      case 'subtitle':
        return [new Paragraph({ children: [new TextRun({ text: b.text, bold: true })], spacing: { after: 120 } })];
      case 'heading':
        return [new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 })];
      case 'text':
        return [new Paragraph({ children: this.runs(b.runs), spacing: { after: 160 } })];
      case 'numbered':
        return [
          new Paragraph({
            children: this.runs(b.runs),
            numbering: { reference: this.lists.referenceOf.get(b)!, level: 0 },
            spacing: { after: 160 },
          }),
        ];
      case 'bullet':
        return [new Paragraph({ children: [new TextRun(b.text)], numbering: { reference: BULLETS, level: 0 } })];
      case 'contact':
        return [table(b.rows.map(([label, value]) => [cell(label, { bold: true }), cell(value)]), [30, 70])];
      case 'table':
        return [
          table(
            [b.header.map((h) => cell(h, { bold: true })), ...b.rows.map((cells) => cells.map((runs) => new TableCell({ children: [new Paragraph({ children: this.runs(runs) })] })))],
            b.widths ?? b.header.map(() => 100 / b.header.length),
          ),
        ];
    }
  }

  /** Text runs, with line breaks for the lines of a list inside a paragraph, footnote references and check boxes. */
  private runs(runs: Run[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const r of runs) {
      if ('footnote' in r) {
        if (this.footnotes.has(r.footnote) && !this.cited.has(r.footnote)) {
          this.cited.add(r.footnote);
          out.push(new FootnoteReferenceRun(r.footnote));
        } else {
          out.push(new TextRun({ text: String(r.footnote), superScript: true }));
        }
        continue;
      }
      if ('box' in r) {
        out.push(new CheckBox({ checked: r.box }));
        continue;
      }
      r.text.split('\n').forEach((line, i) => out.push(new TextRun({ text: line, break: i > 0 ? 1 : undefined })));
    }
    return out;
  }
}

function cell(text: string, opts: { bold?: boolean } = {}): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    children: [new Paragraph({ children: lines.map((line, i) => new TextRun({ text: line, bold: opts.bold, break: i > 0 ? 1 : undefined })) })],
  });
}

function table(rows: TableCell[][], widths: number[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths.map((w) => Math.round((w / 100) * 9000)),
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: rows.map((cells) => new TableRow({ children: cells })),
  });
}
