// A questionnaire as the respondent sees it: read-only, in the order and wording of the form.
import type { ReactNode } from 'react';
import type { Template, Question } from '../../domain/template.ts';
import { ClusterObjectives } from './ClusterObjectives.tsx';
import type { CycleSummary } from '../../services/types.ts';
import { formatDate } from '../lib/format.ts';

interface Props {
  template: Template;
  /** When shown for a cycle, its meeting, deadline and addresses replace those printed in the template. */
  cycle?: CycleSummary;
  /** Rendered between the eyebrow and the title (breadcrumbs, the print button). */
  tools?: ReactNode;
}

export function QuestionnaireView({ template: t, cycle, tools }: Props) {
  const meeting = cycle?.meeting ?? t.meeting;
  return (
    <article className="questionnaire" aria-labelledby="page-heading">
      <header className="q-header">
        {tools}
        <p className="q-header__eyebrow">{t.respondentType === 'state' ? 'Questionnaire for States' : 'Questionnaire for stakeholders'}</p>
        <h1 id="page-heading" tabIndex={-1}>
          {t.title}
        </h1>
        {t.subtitle ? <p className="q-header__subtitle">{t.subtitle}</p> : null}
        {meeting ? (
          <p className="q-header__meeting">
            {meeting.name}
            {meeting.place ? `, ${meeting.place}` : ''}
            {meeting.dates ? ` (${meeting.dates})` : ''}
          </p>
        ) : null}
      </header>

      {t.mandate.length ? (
        <section className="q-section" aria-labelledby="q-mandate">
          <h2 id="q-mandate">Mandate and purpose</h2>
          {t.mandate.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ) : null}

      <section className="q-section" aria-labelledby="q-contact">
        <h2 id="q-contact">Coordinating office</h2>
        {t.contactIntro ? <p>{t.contactIntro}</p> : null}
        <div className="q-contact">
          {t.contactFields.map((f) => (
            <div className="field" key={f.key}>
              <label htmlFor={`contact-${f.key}`} className="field__label">
                {f.label}
              </label>
              {f.kind === 'multiline' ? (
                <textarea id={`contact-${f.key}`} rows={2} disabled />
              ) : (
                <input id={`contact-${f.key}`} type={f.kind === 'email' ? 'email' : f.kind === 'tel' ? 'tel' : 'text'} disabled />
              )}
            </div>
          ))}
        </div>
        {cycle ? (
          <div className="q-return">
            <p>
              Please return the completed questionnaire by <strong>{formatDate(cycle.deadline)}</strong>
              {cycle.returnAddresses.length ? (
                <>
                  {' '}
                  to{' '}
                  {cycle.returnAddresses.map((a, i) => (
                    <span key={a}>
                      {i > 0 ? (i === cycle.returnAddresses.length - 1 ? ' with a copy to ' : ', ') : ''}
                      <a href={`mailto:${a}`}>{a}</a>
                    </span>
                  ))}
                </>
              ) : null}
              . Any queries can be sent to the same addresses.
            </p>
          </div>
        ) : t.returnInstructions ? (
          <p className="q-return">{t.returnInstructions}</p>
        ) : null}
      </section>

      {t.consent ? (
        <section className="q-section" aria-labelledby="q-consent">
          <h2 id="q-consent">Consent to publish</h2>
          <fieldset className="q-consent" disabled>
            <legend>{t.consent.prompt}</legend>
            <label className="check">
              <input type="radio" name="consent" value="yes" />
              <span>{t.consent.yesLabel}</span>
            </label>
            <label className="check">
              <input type="radio" name="consent" value="no" />
              <span>{t.consent.noLabel}</span>
            </label>
          </fieldset>
        </section>
      ) : null}

      {t.instructions.length ? (
        <section className="q-section" aria-labelledby="q-instructions">
          <h2 id="q-instructions">{(t.instructionsHeading ?? 'Instructions').replace(/:\s*$/, '')}</h2>
          <ul>
            {t.instructions.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {t.clusters.length ? (
        <section className="q-section" aria-labelledby="q-clusters">
          <h2 id="q-clusters">Questions by cluster of GCM objectives</h2>
          {t.clusters.map((c) => (
            <div className="q-cluster" key={c.number} data-cluster={c.number}>
              <h3>
                <span className="q-number">{c.number}.</span> {c.title}
              </h3>
              {c.heading ? <p className="q-guidance">{c.heading}</p> : null}
              <ClusterObjectives objectives={c.objectives} headingLevel={4} />
              {c.questions.map((q) => (
                <QuestionBlock key={q.key} q={q} level={4} />
              ))}
            </div>
          ))}
        </section>
      ) : null}

      {t.principlesQuestion && t.principles.length ? (
        <section className="q-section" aria-labelledby="q-principles">
          <h2 id="q-principles">
            <span className="q-number">{t.principlesQuestion.key}.</span> Guiding principles
          </h2>
          <p>{t.principlesQuestion.prompt}</p>
          <div className="table-wrap">
            <table className="table q-principles">
              <caption className="visually-hidden">Guiding principles: integrated or not, and an explanation</caption>
              <thead>
                <tr>
                  <th scope="col">Guiding principle</th>
                  <th scope="col">{t.principlesQuestion.integratedLabel ?? 'Integrated'}</th>
                  <th scope="col">{t.principlesQuestion.explanationLabel ?? 'Explanation and documentation'}</th>
                </tr>
              </thead>
              <tbody>
                {t.principles.map((p) => (
                  <tr key={p.key} data-principle={p.key}>
                    <th scope="row">{p.title}</th>
                    <td>
                      <div className="q-yesno">
                        <label className="check">
                          <input type="radio" name={`principle-${p.key}`} disabled />
                          <span>
                            Yes<span className="visually-hidden">, {p.title} is integrated</span>
                          </span>
                        </label>
                        <label className="check">
                          <input type="radio" name={`principle-${p.key}`} disabled />
                          <span>
                            No<span className="visually-hidden">, {p.title} is not integrated</span>
                          </span>
                        </label>
                      </div>
                    </td>
                    <td>
                      <textarea rows={2} disabled aria-label={`Explanation for ${p.title}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {t.openQuestions.length ? (
        <section className="q-section" aria-labelledby="q-open">
          <h2 id="q-open">{t.openQuestionsHeading ?? 'Further questions'}</h2>
          {t.openQuestions.map((q) => (
            <QuestionBlock key={q.key} q={q} level={3} />
          ))}
        </section>
      ) : null}

      {t.closing ? <p className="q-closing">{t.closing}</p> : null}
    </article>
  );
}

function QuestionBlock({ q, level }: { q: Question; level: 3 | 4 }) {
  const Heading = level === 3 ? 'h3' : 'h4';
  const headingId = `q-${q.key}`;
  return (
    <div className="q-question" data-question={q.key}>
      <Heading id={headingId} className="q-question__prompt">
        <span className="q-number">{q.label ?? q.key}.</span> {q.prompt}
      </Heading>
      {q.wordGuidance ? <p className="q-guidance">About {q.wordGuidance} words{q.attachmentsAllowed ? '; documents may be attached' : ''}.</p> : null}
      <textarea className="q-answer" rows={3} disabled aria-labelledby={headingId} />
    </div>
  );
}
