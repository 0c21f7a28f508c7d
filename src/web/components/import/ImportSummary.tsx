// How much of the document was placed, and what the importer wants a person to check.
import { useTranslation } from 'react-i18next';
import type { Response } from '../../../domain/response.ts';
import type { Template } from '../../../domain/template.ts';
import type { ImportReport, ImportWarning } from '../../api.ts';
import { domIds, warningTarget } from '../../lib/importEdits.ts';
import { revealElement, revealInPane } from '../../lib/scrollTo.ts';
import { formatNumber } from '../../lib/format.ts';
import { intlLocale } from '../../i18n/index.ts';

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

export function ImportSummary({ report, response, template }: { report: ImportReport; response: Response; template: Template }) {
  const { t: tr } = useTranslation();
  const a = report.accounting;
  const placedShare = a.charsIn > 0 ? Math.round(((a.charsPlaced + a.charsTemplate) / a.charsIn) * 1000) / 10 : 100;

  const reveal = (w: ImportWarning) => {
    const t = warningTarget(w, response, template);
    if (t.line !== null) {
      // The source pane scrolls by itself; the result (or the line, if nothing else) is brought into view.
      if (t.id) revealInPane(domIds.sourceLine(t.line));
      else revealElement(domIds.sourceLine(t.line));
    }
    if (t.id) revealElement(t.id);
  };

  return (
    <section className="card import-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{tr('importPage.whatWasRead')}</h2>
      <dl className="figures">
        <div>
          <dt>{tr('importPage.charsIn')}</dt>
          <dd>{formatNumber(a.charsIn)}</dd>
        </div>
        <div>
          <dt>{tr('importPage.charsPlaced')}</dt>
          <dd>{formatNumber(a.charsPlaced)}</dd>
        </div>
        <div>
          <dt>{tr('importPage.charsTemplate')}</dt>
          <dd>{formatNumber(a.charsTemplate)}</dd>
        </div>
        <div className={a.charsUnplaced > 0 ? 'figures__alert' : ''}>
          <dt>{tr('importPage.charsUnplaced')}</dt>
          <dd>{formatNumber(a.charsUnplaced)}</dd>
        </div>
        <div>
          <dt>{tr('importPage.accounted')}</dt>
          <dd>{new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(placedShare / 100)}</dd>
        </div>
      </dl>
      <h3 id="warnings-heading">
        {report.warnings.length ? tr('importPage.toCheck', { count: report.warnings.length }) : tr('importPage.nothingToCheck')}
      </h3>
      {report.warnings.length ? (
        <ol className="warnings" aria-labelledby="warnings-heading">
          {[...report.warnings]
            .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity])
            .map((w, i) => {
            const t = warningTarget(w, response, template);
            return (
              <li key={i} className="warning">
                <button
                  type="button"
                  className={`warning__button warning__button--${w.severity}`}
                  onClick={() => reveal(w)}
                  disabled={!t.id && t.line === null}
                >
                  <span className="warning__message">
                    <span className="warning__severity">{tr('importPage.severityLabel', { severity: tr(`importPage.severity.${w.severity}`) })}</span> {w.message}
                  </span>
                  {t.where ? <span className="warning__where">{tr('importPage.show', { where: t.where })}</span> : null}
                </button>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">{tr('importPage.nothingFound')}</p>
      )}
    </section>
  );
}
