// The review of a document read with a questionnaire of the item model (a cycle on the national
// report or the stakeholder questionnaire): what was read, the source beside the answers, each
// answer editable in its item's own editor, then the same accept panel as any import.
import { useTranslation } from 'react-i18next';
import type { Questionnaire } from '../../../domain/questionnaire/questionnaire.ts';
import type { ItemResponse } from '../../../domain/questionnaire/response.ts';
import type { ItemImportReport } from '../../api.ts';
import { formatNumber } from '../../lib/format.ts';
import { ItemQuestionnaire } from '../items/ItemQuestionnaire.tsx';
import { SourcePane } from './SourcePane.tsx';

interface Props {
  questionnaire: Questionnaire;
  fileName: string;
  report: ItemImportReport;
  lines: string[] | null;
  response: ItemResponse;
  onChange: (response: ItemResponse) => void;
}

export function ItemImportReview({ questionnaire, fileName, report, lines, response, onChange }: Props) {
  const { t } = useTranslation();
  const a = report.accounting;
  const placedShare = a.charsIn > 0 ? Math.round(((a.charsPlaced + a.charsTemplate) / a.charsIn) * 1000) / 10 : 100;
  const unplaced = new Set(report.unplaced.map((u) => u.line));
  const language = report.language ?? questionnaire.language;
  return (
    <>
      <section className="card import-summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t('importPage.whatWasRead')}</h2>
        <dl className="figures">
          <div>
            <dt>{t('importPage.charsIn')}</dt>
            <dd>{formatNumber(a.charsIn)}</dd>
          </div>
          <div>
            <dt>{t('importPage.charsPlaced')}</dt>
            <dd>{formatNumber(a.charsPlaced)}</dd>
          </div>
          <div>
            <dt>{t('importPage.itemsAnswered')}</dt>
            <dd>{formatNumber(Object.keys(response.answers).length)}</dd>
          </div>
          <div>
            <dt>{t('importPage.placedShare')}</dt>
            <dd>{formatNumber(placedShare)} %</dd>
          </div>
        </dl>
        {report.warnings.length > 0 ? (
          <>
            <h3>{t('importPage.toCheck', { count: report.warnings.length })}</h3>
            <ul className="import-summary__warnings">
              {report.warnings.map((w, i) => (
                <li key={i} className={`warning warning--${w.severity}`}>
                  {w.line !== undefined ? <span className="muted">{t('importPage.where.line', { n: formatNumber(w.line) })} </span> : null}
                  {w.message}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{t('importPage.nothingToCheck')}</p>
        )}
      </section>
      <div className="side-by-side">
        {lines ? <SourcePane fileName={fileName} lines={lines} unplaced={unplaced} /> : <div />}
        <ItemQuestionnaire questionnaire={questionnaire} language={language} response={response} onChange={(key, answer) => onChange({ ...response, answers: { ...response.answers, [key]: answer } })} embedded />
      </div>
    </>
  );
}
