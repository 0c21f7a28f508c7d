// How much of the document was placed, and what the importer wants a person to check.
import type { Response } from '../../../domain/response.ts';
import type { ImportReport, ImportWarning } from '../../api.ts';
import { domIds, findParagraph } from '../../lib/importEdits.ts';
import { revealElement, revealInPane } from '../../lib/scrollTo.ts';

const nf = new Intl.NumberFormat('en');

/** Where a warning points, in words, and the element to bring into view. */
export function warningTarget(w: ImportWarning, response: Response): { where: string; id: string | null; line: number | null } {
  const parts: string[] = [];
  let id: string | null = null;
  if (w.paragraph !== undefined) {
    const at = findParagraph(response, w.paragraph);
    parts.push(`paragraph ${w.paragraph}`);
    if (at) id = domIds.paragraph(at.question, at.index);
  }
  if (w.question !== undefined) {
    parts.unshift(`question ${w.question}`);
    id ??= domIds.answer(w.question);
  }
  if (w.footnote !== undefined) {
    parts.push(`footnote ${w.footnote}`);
    id ??= domIds.footnote(w.footnote);
  }
  if (w.line !== undefined) parts.push(`line ${w.line}`);
  return { where: parts.join(', '), id, line: w.line ?? null };
}

export function ImportSummary({ report, response }: { report: ImportReport; response: Response }) {
  const a = report.accounting;
  const placedShare = a.charsIn > 0 ? Math.round(((a.charsPlaced + a.charsTemplate) / a.charsIn) * 1000) / 10 : 100;

  const reveal = (w: ImportWarning) => {
    const t = warningTarget(w, response);
    if (t.line !== null) {
      // The source pane scrolls by itself; the result (or the line, if nothing else) is brought into view.
      if (t.id) revealInPane(domIds.sourceLine(t.line));
      else revealElement(domIds.sourceLine(t.line));
    }
    if (t.id) revealElement(t.id);
  };

  return (
    <section className="card import-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">What was read</h2>
      <dl className="figures">
        <div>
          <dt>Characters in the document</dt>
          <dd>{nf.format(a.charsIn)}</dd>
        </div>
        <div>
          <dt>Placed in answers</dt>
          <dd>{nf.format(a.charsPlaced)}</dd>
        </div>
        <div>
          <dt>Questionnaire wording</dt>
          <dd>{nf.format(a.charsTemplate)}</dd>
        </div>
        <div className={a.charsUnplaced > 0 ? 'figures__alert' : ''}>
          <dt>Not placed</dt>
          <dd>{nf.format(a.charsUnplaced)}</dd>
        </div>
        <div>
          <dt>Accounted for</dt>
          <dd>{placedShare}%</dd>
        </div>
      </dl>
      <h3 id="warnings-heading">
        {report.warnings.length ? `${report.warnings.length} ${report.warnings.length === 1 ? 'point' : 'points'} to check` : 'Nothing to check'}
      </h3>
      {report.warnings.length ? (
        <ol className="warnings" aria-labelledby="warnings-heading">
          {report.warnings.map((w, i) => {
            const t = warningTarget(w, response);
            return (
              <li key={i} className="warning">
                <button type="button" className="warning__button" onClick={() => reveal(w)} disabled={!t.id && t.line === null}>
                  <span className="warning__message">{w.message}</span>
                  {t.where ? <span className="warning__where">Show {t.where}</span> : null}
                </button>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">The importer found nothing that needs a second look. Still, read the answers before accepting them.</p>
      )}
    </section>
  );
}
