// A table of figures: fixed rows and columns (with their units), a box per cell, and the note on
// sources below it. Given onChange, the cells and the note are filled in here; a figure stays as
// written until it reads as a number.
import { useId } from 'react';
import { Heading, ItemNumber, Words, useFormLanguage, type ItemProps } from './form.tsx';

const asCell = (v: string): string | number | null => (v.trim() === '' ? null : String(Number(v)) === v.trim() ? Number(v) : v);

export function TableItem({ item, place, level, answer, onChange }: ItemProps<'table'>) {
  const { text, words } = useFormLanguage();
  const id = useId();
  const prompt = text(item.prompt);
  const cells = answer?.cells ?? {};
  const note = answer?.note ?? '';
  const setCell = (row: string, column: string, v: string) => onChange?.({ kind: 'table', cells: { ...cells, [row]: { ...cells[row], [column]: asCell(v) } }, note });
  return (
    <div className="q-item q-question" data-kind="table" data-item={item.key}>
      <Heading level={level} id={`${id}-heading`} className="q-question__prompt">
        <ItemNumber number={place.number} />
        {prompt}
      </Heading>
      <div className="table-wrap">
        <table className="table q-table">
          <caption className="visually-hidden">{prompt}</caption>
          <thead>
            <tr>
              <th scope="col">{item.rowHeading ? text(item.rowHeading) : <span className="visually-hidden">{words('items.row')}</span>}</th>
              {item.columns.map((c) => (
                <th scope="col" key={c.key} className={c.type === 'number' ? 'num' : undefined}>
                  {text(c.label)}
                  {c.unit ? <span className="q-unit"> ({text(c.unit)})</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {item.rows.map((row) => {
              const rowLabel = text(row.label);
              return (
                <tr key={row.key} data-row={row.key}>
                  <th scope="row">{rowLabel}</th>
                  {item.columns.map((c) => {
                    const value = answer?.cells[row.key]?.[c.key];
                    return (
                      <td key={c.key}>
                        <input
                          type="text"
                          inputMode={c.type === 'number' ? 'decimal' : undefined}
                          className={c.type === 'number' ? 'q-cell q-cell--number' : 'q-cell'}
                          value={value === null || value === undefined ? '' : String(value)}
                          disabled={!onChange}
                          onChange={(e) => setCell(row.key, c.key, e.target.value)}
                          aria-label={`${rowLabel}, ${text(c.label)}`}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`} className="field__label">
          <Words>{words('items.tableNote')}</Words>
        </label>
        <textarea id={`${id}-note`} rows={2} value={note} disabled={!onChange} onChange={(e) => onChange?.({ kind: 'table', cells, note: e.target.value })} />
      </div>
    </div>
  );
}
