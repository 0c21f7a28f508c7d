// What `gcm-review import` prints for a questionnaire of the item model read by the generic
// importer (src/ingest/items.ts): one line an answered item, then the footnotes, the accounting,
// what was left over and the warnings, as the fixed-slot summary (import-run.ts) does.
import { answeredItems, type Questionnaire } from '../../domain/questionnaire/questionnaire.ts';
import type { Answer } from '../../domain/questionnaire/registry.ts';
import type { ItemImportResult } from '../../ingest/items.ts';
import type { ImportReport } from '../../ingest/types.ts';

/** A readable account of what was read, for a person checking the import. */
export function itemSummary(fileName: string, q: Questionnaire, r: ItemImportResult): string {
  const out: string[] = [`${fileName} read with template ${q.id}`];
  out.push(`State:       ${r.state ? `${r.state.name} (${r.state.iso3})` : 'not known'}`);
  out.push('Answers:');
  const items = answeredItems(q);
  const width = Math.max(...items.map((w) => (w.number ?? w.item.key).length));
  for (const w of items) out.push(`  ${(w.number ?? w.item.key).padEnd(width)}  ${describe(r.answers[w.item.key])}`);
  out.push(...reportLines(r.footnotes.length, r.import));
  return out.join('\n') + '\n';
}

/** The end of a summary: footnotes, the form's language, where the characters went, what was left over, the warnings. */
export function reportLines(footnotes: number, report: Pick<ImportReport, 'language' | 'accounting' | 'unplaced'> & { warnings: readonly { severity: string; line?: number; message: string }[] }): string[] {
  const out = [`Footnotes:   ${footnotes}`];
  if (report.language) out.push(`Language:    ${report.language} (the form's text)`);
  const a = report.accounting;
  out.push(`Characters:  ${a.charsIn} in / ${a.charsPlaced} placed / ${a.charsTemplate} template / ${a.charsUnplaced} unplaced`);
  if (report.unplaced.length) {
    out.push('Unplaced:');
    for (const u of report.unplaced) out.push(`  line ${u.line}: ${u.text.length > 100 ? `${u.text.slice(0, 100)}…` : u.text}`);
  }
  const ws = report.warnings;
  out.push(ws.length ? `Warnings (${ws.length}):` : 'Warnings:    none');
  for (const w of ws) out.push(`  ${w.severity.padEnd(7)} ${w.line ? `line ${w.line}: ` : ''}${w.message}`);
  return out;
}

/** One answer in a few words: "3 paragraph(s) (numbered 4-6), 120 words", "chosen: yes". */
function describe(answer: Answer | undefined): string {
  if (!answer) return '(not read)';
  switch (answer.kind) {
    case 'prose': {
      const ps = answer.paragraphs;
      const nums = ps.map((p) => p.number).filter((n): n is number => n !== null);
      const words = ps.reduce((n, p) => n + (p.text.match(/\S+/g)?.length ?? 0), 0);
      return `${ps.length} paragraph(s)${nums.length ? ` (numbered ${nums[0]}-${nums.at(-1)})` : ''}, ${words} words`;
    }
    case 'choice':
      return answer.selected.length ? `chosen: ${answer.selected.map((v) => (answer.specified[v] ? `${v} (${answer.specified[v]})` : v)).join(', ')}` : 'nothing chosen';
    case 'checklist': {
      const rows = Object.values(answer.rows);
      const count = (v: string) => rows.filter((x) => x.value === v).length;
      return `${count('yes')} yes, ${count('no')} no, ${rows.length - count('yes') - count('no')} unanswered`;
    }
    case 'contact': {
      const filled = Object.entries(answer.fields).filter(([, v]) => v.trim());
      return filled.length ? filled.map(([k, v]) => `${k}: ${v.replace(/\s+/g, ' ')}`).join('; ') : '(empty)';
    }
    case 'table': {
      const cells = Object.values(answer.cells).flatMap((row) => Object.values(row)).filter((c) => c !== null && c !== '').length;
      return `${cells} figure(s)${answer.note.trim() ? ', with a note' : ''}`;
    }
    case 'attachment':
      return answer.attachments.length ? answer.attachments.map((a) => a.name).join(', ') : 'no file';
  }
}
