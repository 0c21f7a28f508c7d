// A questionnaire as the respondent sees it: read-only, in the order and wording of the form.
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  // `t` is the template here: the interface's words come from `tr`.
  const { t: tr } = useTranslation();
  const meeting = cycle?.meeting ?? t.meeting;
  return (
    <article className="questionnaire" aria-labelledby="page-heading">
      <header className="q-header">
        {tools}
        <p className="q-header__eyebrow">{t.respondentType === 'state' ? tr('questionnaire.forStates') : tr('questionnaire.forStakeholders')}</p>
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
          <h2 id="q-mandate">{tr('questionnaire.mandate')}</h2>
          {t.mandate.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ) : null}

      <section className="q-section" aria-labelledby="q-contact">
        <h2 id="q-contact">{tr('questionnaire.contact')}</h2>
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
        {t.returnInstructions ? (
          // The template's words, in the cycle's terms (placeholders): as the downloaded form prints them.
          <p className="q-return">{t.returnInstructions}</p>
        ) : cycle ? (
          <div className="q-return">
            <p>
              <Trans i18nKey="questionnaire.returnBy" values={{ date: formatDate(cycle.deadline) }} components={[<strong key="date" />]} />
              {cycle.returnAddresses.length ? (
                <>
                  {' '}
                  {tr('questionnaire.to')}{' '}
                  {cycle.returnAddresses.map((a, i) => (
                    <span key={a}>
                      {i > 0 ? (i === cycle.returnAddresses.length - 1 ? tr('questionnaire.copyTo') : tr('questionnaire.listSeparator')) : ''}
                      <a href={`mailto:${a}`}>{a}</a>
                    </span>
                  ))}
                </>
              ) : null}
              {tr('questionnaire.queries')}
            </p>
          </div>
        ) : null}
      </section>

      {t.consent ? (
        <section className="q-section" aria-labelledby="q-consent">
          <h2 id="q-consent">{tr('questionnaire.consent')}</h2>
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
          <h2 id="q-instructions">{(t.instructionsHeading ?? tr('questionnaire.instructions')).replace(/:\s*$/, '')}</h2>
          <ul>
            {t.instructions.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {t.clusters.length ? (
        <section className="q-section" aria-labelledby="q-clusters">
          <h2 id="q-clusters">{tr('questionnaire.clusters')}</h2>
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
            <span className="q-number">{t.principlesQuestion.key}.</span> {tr('questionnaire.principles')}
          </h2>
          <p>{t.principlesQuestion.prompt}</p>
          <div className="table-wrap">
            <table className="table q-principles">
              <caption className="visually-hidden">{tr('questionnaire.principlesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr('questionnaire.principle')}</th>
                  <th scope="col">{t.principlesQuestion.integratedLabel ?? tr('questionnaire.integrated')}</th>
                  <th scope="col">{t.principlesQuestion.explanationLabel ?? tr('questionnaire.explanation')}</th>
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
                            {tr('questionnaire.yes')}
                            <span className="visually-hidden">{tr('questionnaire.isIntegrated', { principle: p.title })}</span>
                          </span>
                        </label>
                        <label className="check">
                          <input type="radio" name={`principle-${p.key}`} disabled />
                          <span>
                            {tr('questionnaire.no')}
                            <span className="visually-hidden">{tr('questionnaire.notIntegrated', { principle: p.title })}</span>
                          </span>
                        </label>
                      </div>
                    </td>
                    <td>
                      <textarea rows={2} disabled aria-label={tr('questionnaire.explanationFor', { principle: p.title })} />
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
          <h2 id="q-open">{t.openQuestionsHeading ?? tr('questionnaire.further')}</h2>
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
  const { t } = useTranslation();
  const Heading = level === 3 ? 'h3' : 'h4';
  const headingId = `q-${q.key}`;
  return (
    <div className="q-question" data-question={q.key}>
      <Heading id={headingId} className="q-question__prompt">
        <span className="q-number">{q.label ?? q.key}.</span> {q.prompt}
      </Heading>
      {q.wordGuidance ? (
        <p className="q-guidance">
          {q.attachmentsAllowed ? t('questionnaire.wordsAttach', { count: q.wordGuidance }) : t('questionnaire.words', { count: q.wordGuidance })}
        </p>
      ) : null}
      <textarea className="q-answer" rows={3} disabled aria-labelledby={headingId} />
    </div>
  );
}
