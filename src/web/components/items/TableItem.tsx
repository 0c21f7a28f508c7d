// A table of figures: fixed rows and columns (with their units), a box per cell, and the note on
// sources below it.
import { useId } from 'react';
import { Heading, ItemNumber, Words, useFormLanguage, type ItemProps } from './form.tsx';

export function TableItem({ item, place, level, answer }: ItemProps<'table'>) {
  const { text, words } = useFormLanguage();
  const id = useId();
  const prompt = text(item.prompt);
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
                          disabled
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
        <textarea id={`${id}-note`} rows={2} value={answer?.note ?? ''} disabled />
      </div>
    </div>
  );
}
