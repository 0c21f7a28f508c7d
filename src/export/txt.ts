// A response as plain text laid out like the questionnaire (see form-layout.ts): for e-mail,
// translation tools and archives. Blocks are separated by a blank line and never wrapped; a
// paragraph's list lines follow it directly. Numbered paragraphs keep their numbers ("12. …"),
// tables are rows of cells joined by " | " ("People-centred | ☒=yes ☐=no | …"), contact fields are
// "Label: value" with further lines of a value below it, check boxes are ☒ and ☐, footnote
// references are the footnote's number glued to the text ("women.1") as in a printed form, and the
// footnotes follow at the end, one per line ("1 National Statistics Office …"). The importer reads
// this layout back.
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import type { ItemResponse } from '../domain/questionnaire/response.ts';
import type { Response } from '../domain/response.ts';
import type { Template } from '../domain/template.ts';
import { footnoteText } from './footnote-text.ts';
import { EMPTY_BOX, TICKED_BOX, exportForm, footnotesInOrder, formLayout, type Block, type ExportForm, type Run } from './form-layout.ts';

/** The form as text: a questionnaire and its ItemResponse, or a fixed-slot template and a stored response (converted). */
export function exportText(template: Template | Questionnaire, response: Response | ItemResponse, language?: string): string {
  return formText(exportForm(template, response, language));
}

export function formText(form: ExportForm): string {
  const blocks = formLayout(form).map(blockText);
  const notes = footnotesInOrder(form.response).map((f) => `${f.number} ${oneLine(footnoteText(f))}`);
  if (notes.length) blocks.push(notes.join('\n'));
  return blocks.join('\n\n') + '\n';
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'title':
    case 'subtitle':
    case 'heading':
      return b.text;
    case 'text':
      return runsText(b.runs);
    case 'numbered':
      return `${b.number}. ${runsText(b.runs)}`;
    case 'bullet':
      return `\u2022 ${b.text}`;
    case 'contact':
      return b.rows.map(([label, value]) => `${label} ${value.split('\n').map((l) => l.trim()).join('\n')}`.trimEnd()).join('\n');
    case 'table':
      return [b.header.join(' | '), ...b.rows.map((cells) => cells.map((c) => oneLine(runsText(c))).join(' | ').trimEnd())].join('\n');
  }
}

function runsText(runs: Run[]): string {
  return runs.map((r) => ('footnote' in r ? String(r.footnote) : 'box' in r ? (r.box ? TICKED_BOX : EMPTY_BOX) : r.text)).join('');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
