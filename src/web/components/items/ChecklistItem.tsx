// A checklist (the guiding principles): a table with one row per entry, answered yes or no with
// an explanation. Given onChange, each row is answered here: yes, no or not answered, and the
// explanation in its box.
import { useId } from 'react';
import type { Tri } from '../../../domain/response.ts';
import { Heading, ItemNumber, Words, useFormLanguage, type ItemProps } from './form.tsx';

export function ChecklistItem({ item, place, level, answer, onChange }: ItemProps<'checklist'>) {
  const { text, rich, words } = useFormLanguage();
  const id = useId();
  const principles = item.role === 'guiding-principles';
  const values: Tri[] = onChange ? ['yes', 'no', 'unanswered'] : ['yes', 'no'];
  const setRow = (key: string, change: { value?: Tri; explanation?: string }) => {
    const rows = answer?.rows ?? {};
    const before = rows[key] ?? { value: 'unanswered' as Tri, explanation: '' };
    onChange?.({ kind: 'checklist', rows: { ...rows, [key]: { ...before, ...change } } });
  };
  return (
    <div className="q-item q-question" data-kind="checklist" data-item={item.key} data-role={item.role}>
      <Heading level={level} id={`${id}-heading`} className="q-question__prompt">
        <ItemNumber number={place.number} />
        {rich(item.prompt)}
      </Heading>
      <div className="table-wrap">
        <table className="table q-principles">
          <caption className="visually-hidden">
            {principles ? <Words>{words('questionnaire.principlesCaption')}</Words> : text(item.prompt)}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Words>{words(principles ? 'questionnaire.principle' : 'items.row')}</Words>
              </th>
              <th scope="col">{item.answerLabel ? text(item.answerLabel) : <Words>{words(principles ? 'questionnaire.integrated' : 'items.yesOrNo')}</Words>}</th>
              <th scope="col">{item.explanationLabel ? text(item.explanationLabel) : <Words>{words('questionnaire.explanation')}</Words>}</th>
            </tr>
          </thead>
          <tbody>
            {item.rows.map((row) => {
              const label = text(row.text);
              const given = answer?.rows[row.key];
              return (
                <tr key={row.key} data-row={row.key} data-principle={row.key}>
                  <th scope="row">{label}</th>
                  <td>
                    <div className="q-yesno" role="radiogroup" aria-label={label}>
                      {values.map((value) => (
                        <label className="check" key={value}>
                          <input
                            type="radio"
                            name={`${id}-${row.key}`}
                            value={value}
                            checked={(given?.value ?? 'unanswered') === value && (value !== 'unanswered' || onChange !== undefined)}
                            disabled={!onChange}
                            onChange={() => setRow(row.key, { value })}
                          />
                          <span>
                            <Words>{words(value === 'unanswered' ? 'editor.unanswered' : `questionnaire.${value}`)}</Words>
                          </span>
                        </label>
                      ))}
                    </div>
                  </td>
                  <td>
                    <textarea
                      rows={2}
                      value={given?.explanation ?? ''}
                      disabled={!onChange}
                      onChange={(e) => setRow(row.key, { explanation: e.target.value })}
                      aria-label={words('questionnaire.explanationFor', { principle: label })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
