// The structured result of an import, editable before it is accepted: contact block, consent,
// answers by question (with a way to move a misplaced paragraph), principles and footnotes.
import { useTranslation } from 'react-i18next';
import type { Response, Tri } from '../../../domain/response.ts';
import type { Template } from '../../../domain/template.ts';
import { domIds, moveParagraph, questionOrder } from '../../lib/importEdits.ts';
import { consentLabel, triLabel } from '../../lib/format.ts';

interface Props {
  template: Template;
  response: Response;
  onChange(next: Response): void;
  /** Called after a move with a sentence to announce and the id of the paragraph's new place. */
  onMoved(message: string, targetId: string): void;
}


export function ResultPane({ template, response, onChange, onMoved }: Props) {
  const { t } = useTranslation();
  const questions = questionOrder(template);
  const answerOf = (key: string) => response.answers.find((a) => a.question === key);
  // Answers to keys the template does not know (should not happen, but never hide text).
  const strays = response.answers.filter((a) => !questions.some((q) => q.key === a.question) && a.paragraphs.length);
  const footnoteText = new Map(response.footnotes.map((f) => [f.number, f.text]));

  const move = (from: string, index: number, to: string) => {
    const p = answerOf(from)?.paragraphs[index];
    if (!p) return;
    const next = moveParagraph(response, from, index, to);
    onChange(next);
    const newIndex = next.answers.find((a) => a.question === to)?.paragraphs.indexOf(p) ?? 0;
    const name = p.number !== null ? t('result.paragraphN', { number: p.number }) : t('result.theParagraph');
    onMoved(t('result.moved', { paragraph: name, from, to }), domIds.paragraph(to, newIndex));
  };

  return (
    <section className="pane" aria-labelledby="result-heading">
      <div className="pane__head">
        <h2 id="result-heading">{t('result.heading')}</h2>
        <p className="muted">{t('result.intro')}</p>
      </div>
      <div className="result">
        <fieldset className="result__block">
          <legend>{t('result.contact')}</legend>
          <div className="grid-2">
            {template.contactFields.map((f) => (
              <div className="field" key={f.key}>
                <label htmlFor={domIds.contactField(f.key)} className="field__label">
                  {f.label}
                </label>
                {f.kind === 'multiline' ? (
                  <textarea
                    id={domIds.contactField(f.key)}
                    rows={2}
                    value={response.contact[f.key] ?? ''}
                    onChange={(e) => onChange({ ...response, contact: { ...response.contact, [f.key]: e.target.value } })}
                  />
                ) : (
                  <input
                    id={domIds.contactField(f.key)}
                    type={f.kind === 'email' ? 'email' : f.kind === 'tel' ? 'tel' : 'text'}
                    value={response.contact[f.key] ?? ''}
                    onChange={(e) => onChange({ ...response, contact: { ...response.contact, [f.key]: e.target.value } })}
                  />
                )}
              </div>
            ))}
          </div>
        </fieldset>

        {template.consent ? (
          <fieldset className="result__block">
            <legend>{t('result.consent')}</legend>
            <p className="muted small">{template.consent.prompt}</p>
            <div className="radio-row">
              {(['yes', 'no', 'unanswered'] as const).map((v) => (
                <label className="check" key={v}>
                  <input type="radio" name="import-consent" value={v} checked={response.consent === v} onChange={() => onChange({ ...response, consent: v })} />
                  <span>{consentLabel(v, template.consent!)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}

        {[...questions, ...strays.map((a) => ({ key: a.question, prompt: t('result.unknownQuestion') }))].map((q) => {
          const answer = answerOf(q.key);
          const paragraphs = answer?.paragraphs ?? [];
          return (
            <div className="answer" key={q.key} id={domIds.answer(q.key)} data-question={q.key}>
              <h3 className="answer__title">
                <span className="q-number">{q.key}.</span> <span className="answer__prompt">{q.prompt}</span>
              </h3>
              {paragraphs.length === 0 ? <p className="answer__empty">{t('result.noText')}</p> : null}
              {paragraphs.map((p, i) => {
                const selectId = `move-${q.key}-${i}`;
                return (
                  <div className="para" key={`${p.number ?? "u"}-${i}`} id={domIds.paragraph(q.key, i)} tabIndex={-1} data-paragraph={p.number ?? ''}>
                    <div className="para__head">
                      <span className="para__number">
                        {p.number !== null ? `¶ ${p.number}` : p.label ? `${p.label}.` : t('result.unnumbered')}
                      </span>
                      <div className="para__move">
                        <label htmlFor={selectId} className="visually-hidden">
                          {p.number !== null ? t('result.moveN', { number: p.number }) : t('result.moveThis')}
                        </label>
                        <select id={selectId} value="" onChange={(e) => e.target.value && move(q.key, i, e.target.value)}>
                          <option value="">{t('result.moveTo')}</option>
                          {questions
                            .filter((o) => o.key !== q.key)
                            .map((o) => (
                              <option key={o.key} value={o.key}>
                                {o.key}. {o.prompt.length > 60 ? `${o.prompt.slice(0, 57)}…` : o.prompt}
                              </option>
                            ))}
                        </select>
                      </div>
                    </div>
                    <p className="para__text">
                      {p.label && p.number !== null ? <strong>{p.label}. </strong> : null}
                      {p.text}
                    </p>
                    {p.footnotes.length ? (
                      <p className="para__footnotes">
                        <span className="visually-hidden">{t('result.footnotes')}</span>
                        {p.footnotes.map((n) => (
                          <a key={n} href={`#${domIds.footnote(n)}`} className="chip" title={footnoteText.get(n)}>
                            <span aria-hidden="true">{t('result.fn')}</span>
                            <span className="visually-hidden">{t('result.footnote')}</span>
                            {n}
                          </a>
                        ))}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          );
        })}

        {template.principles.length ? (
          <div className="answer" id={domIds.answer(template.principlesQuestion?.key ?? '5')}>
            <h3 className="answer__title">
              <span className="q-number">{template.principlesQuestion?.key ?? '5'}.</span> {t('result.principles')}
            </h3>
            <div className="table-wrap">
              <table className="table principles-edit">
                <caption className="visually-hidden">{t('result.principlesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('result.principle')}</th>
                    <th scope="col">{t('result.integrated')}</th>
                    <th scope="col">{t('result.explanation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {template.principles.map((tp) => {
                    const pa = response.principles.find((x) => x.principle === tp.key) ?? { principle: tp.key, integrated: 'unanswered' as Tri, explanation: '' };
                    const update = (patch: Partial<typeof pa>) =>
                      onChange({
                        ...response,
                        principles: response.principles.some((x) => x.principle === tp.key)
                          ? response.principles.map((x) => (x.principle === tp.key ? { ...x, ...patch } : x))
                          : [...response.principles, { ...pa, ...patch }],
                      });
                    return (
                      <tr key={tp.key} id={domIds.principle(tp.key)}>
                        <th scope="row">{tp.title}</th>
                        <td>
                          <select aria-label={t('result.integratedOf', { principle: tp.title })} value={pa.integrated} onChange={(e) => update({ integrated: e.target.value as Tri })}>
                            {(['yes', 'no', 'unanswered'] as const).map((v) => (
                              <option key={v} value={v}>
                                {triLabel(v)}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <textarea aria-label={t('result.explanationOf', { principle: tp.title })} rows={2} value={pa.explanation} onChange={(e) => update({ explanation: e.target.value })} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        ) : null}

        {response.footnotes.length ? (
          <div className="answer">
            <h3 className="answer__title">{t('result.footnotesHeading')}</h3>
            <ol className="footnotes">
              {response.footnotes.map((f) => (
                <li key={f.number} id={domIds.footnote(f.number)} value={f.number} tabIndex={-1}>
                  {f.text}
                  {f.urls.length ? (
                    <ul className="plain-list">
                      {f.urls.map((u) => (
                        <li key={u} className="footnote-url">
                          {u}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
    </section>
  );
}
