// The document as it was read, line by line, with the lines that landed nowhere highlighted.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { domIds } from '../../lib/importEdits.ts';

export const SourcePane = memo(function SourcePane({ fileName, lines, unplaced }: { fileName: string; lines: string[]; unplaced: ReadonlySet<number> }) {
  const { t } = useTranslation();
  return (
    <section className="pane" aria-labelledby="source-heading">
      <div className="pane__head">
        <h2 id="source-heading">{t('importPage.source')}</h2>
        <p className="muted">
          {t('importPage.lines', { file: fileName, count: lines.length })}
          {unplaced.size ? (
            <>
              {' '}
              · <span className="legend legend--unplaced">{t('importPage.linesNotPlaced', { count: unplaced.size })}</span>
            </>
          ) : null}
        </p>
      </div>
      <div className="pane__scroll" data-scroll-pane tabIndex={0} role="region" aria-label={t('importPage.linesOf', { file: fileName })}>
        <ol className="source-lines">
          {lines.map((text, i) => {
            const n = i + 1;
            const isUnplaced = unplaced.has(n);
            return (
              <li key={n} id={domIds.sourceLine(n)} className={isUnplaced ? 'source-line source-line--unplaced' : 'source-line'}>
                <span className="source-line__number" aria-hidden="true">
                  {n}
                </span>
                <span className="source-line__text">
                  {text || '\u00a0'}
                  {isUnplaced ? <span className="visually-hidden">{t('importPage.lineNotPlaced')}</span> : null}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
});
