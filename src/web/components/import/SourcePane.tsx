// The document as it was read, line by line, with the lines that landed nowhere highlighted.
import { memo } from 'react';
import { domIds } from '../../lib/importEdits.ts';

export const SourcePane = memo(function SourcePane({ fileName, lines, unplaced }: { fileName: string; lines: string[]; unplaced: ReadonlySet<number> }) {
  return (
    <section className="pane" aria-labelledby="source-heading">
      <div className="pane__head">
        <h2 id="source-heading">Source document</h2>
        <p className="muted">
          {fileName} · {lines.length} lines
          {unplaced.size ? (
            <>
              {' '}
              · <span className="legend legend--unplaced">{unplaced.size} not placed</span>
            </>
          ) : null}
        </p>
      </div>
      <div className="pane__scroll" data-scroll-pane tabIndex={0} role="region" aria-label={`Lines of ${fileName}`}>
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
                  {isUnplaced ? <span className="visually-hidden"> (not placed in any question)</span> : null}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
});
