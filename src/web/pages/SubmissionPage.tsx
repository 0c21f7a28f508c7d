// One State's submission, read-only: who saved which version, downloads, the checks a reader
// should know about, and the answers in the order and wording of the form, with their footnotes.
import { Fragment, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ClusterObjectives } from '../components/ClusterObjectives.tsx';
import type { Paragraph, Response } from '../../domain/response.ts';
import type { Question, Template } from '../../domain/template.ts';
import { validateResponse, type IssueSeverity, type ResponseIssue } from '../../domain/validation.ts';
import { paragraphRuns, type ParagraphRun as Run } from '../../domain/questionnaire/layout.ts';
import { templateLanguages } from '../../services/template-language.ts';
import type { SubmissionVersion } from '../../services/types.ts';
import { api, type ApiError } from '../api.ts';
import { PageHeading } from '../components/Page.tsx';
import { Badge, LoadError, Loading } from '../components/Status.tsx';
import { SubmissionActions } from '../components/SubmissionActions.tsx';
import { consentLabel, formatDateTime, formatNumber, submissionStatusLabel, triLabel } from '../lib/format.ts';
import { languageName } from '../lib/language-name.ts';
import { useLoad } from '../lib/useLoad.ts';

const ids = {
  answer: (q: string) => `answer-${q}`,
  paragraph: (q: string, i: number) => `para-${q}-${i}`,
  footnote: (n: number) => `fn-${n}`,
};

export function SubmissionPage() {
  const { id = '', iso3 = '' } = useParams();
  const { t, i18n } = useTranslation();
  const data = useLoad(async () => {
    // The submission first: it is what says whether this account may read it.
    const submission = await api.submissions.get(id, iso3);
    const [cycle, versions, template] = await Promise.all([api.cycles.get(id), api.submissions.versions(id, iso3), api.cycles.template(id)]);
    return { submission, cycle, versions, template };
  }, [id, iso3]);

  if (data.status !== 'ready') {
    return (
      <>
        <PageHeading title={t('submission.title')} eyebrow={<Link to={`/cycles/${encodeURIComponent(id)}`}>{t('cycle.title')}</Link>} />
        {data.status === 'error' ? <SubmissionLoadError error={data.error} /> : <Loading what={t('submission.loading')} />}
      </>
    );
  }
  const { submission: s, cycle, versions, template } = data.data;
  const r = s.response;
  const saved = s.version > 0;
  const others = templateLanguages(template).filter((language) => language !== template.language);
  return (
    <article className="submission" aria-labelledby="page-heading">
      <PageHeading
        title={s.state.name}
        eyebrow={
          <>
            <Link to="/">{t('cycles.title')}</Link> › <Link to={`/cycles/${encodeURIComponent(cycle.id)}`}>{cycle.title}</Link>
          </>
        }
      >
        <p className="page-heading__meta">
          <Badge tone={s.status}>{submissionStatusLabel(s.status)}</Badge>
          <span>{saved ? t('submission.version', { version: formatNumber(s.version) }) : t('submission.nothingSaved')}</span>
          {s.updatedAt ? (
            <span>
              {s.updatedBy
                ? t('submission.lastSavedBy', { name: s.updatedBy, date: formatDateTime(s.updatedAt) })
                : t('submission.lastSaved', { date: formatDateTime(s.updatedAt) })}
            </span>
          ) : null}
        </p>
      </PageHeading>

      <SubmissionActions cycleId={cycle.id} submission={s} onDone={data.reload} />
      <div className="downloads" role="group" aria-labelledby="downloads-label">
        <span id="downloads-label">{saved ? t('submission.downloadVersion', { version: formatNumber(s.version) }) : t('submission.downloadBlank')}</span>
        <a className="button button--secondary" href={api.submissions.exportUrl(cycle.id, s.state.iso3, 'docx')} download>
          {t('submission.word')}
        </a>
        <a className="button button--secondary" href={api.submissions.exportUrl(cycle.id, s.state.iso3, 'txt')} download>
          {t('submission.text')}
        </a>
        <a className="button button--secondary" href={api.submissions.exportUrl(cycle.id, s.state.iso3, 'json')} download>
          {t('submission.json')}
        </a>
      </div>
      {/* The form's text in each other language the template has; the answers as the State wrote them. */}
      {others.length > 0 ? (
        <div className="downloads" role="group" aria-labelledby="downloads-other-label">
          <span id="downloads-other-label">{t('submission.downloadIn')}</span>
          {others.flatMap((language) =>
            (['docx', 'txt'] as const).map((format) => (
              <a key={`${language}.${format}`} className="button button--secondary" href={api.submissions.exportUrl(cycle.id, s.state.iso3, format, language)} download hrefLang={language}>
                {t(format === 'docx' ? 'submission.wordIn' : 'submission.textIn', { language: languageName(language, i18n.language) })}
              </a>
            )),
          )}
        </div>
      ) : null}

      {saved ? (
        <>
          <Checks issues={validateResponse(template, r)} />
          <Contact template={template} response={r} />
          <Answers template={template} response={r} />
          <Footnotes response={r} />
        </>
      ) : (
        <p className="empty">{t('submission.noAnswers', { state: s.state.name })}</p>
      )}
      <Versions versions={versions} />
    </article>
  );
}

function SubmissionLoadError({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const hints: Record<number, string> = {
    403: t('submission.forbidden'),
    404: t('submission.notFound'),
  };
  return (
    <>
      <LoadError error={error} what={t('submission.loadError')} />
      {hints[error.status] ? <p>{hints[error.status]}</p> : null}
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </>
  );
}

const severities: IssueSeverity[] = ['error', 'warning', 'info'];

function Checks({ issues }: { issues: ResponseIssue[] }) {
  const { t } = useTranslation();
  return (
    <section className="card checks" aria-labelledby="checks-heading">
      <h2 id="checks-heading">{t('submission.checks')}</h2>
      {issues.length === 0 ? <p className="muted">{t('submission.noIssues')}</p> : null}
      {severities.map((severity) => {
        const found = issues.filter((i) => i.severity === severity);
        if (found.length === 0) return null;
        return (
          <div className={`checks__group checks__group--${severity}`} key={severity}>
            <h3>
              {t(`submission.severity.${severity}`)} <span className="muted">({formatNumber(found.length)})</span>
            </h3>
            <p className="muted small">{t(`submission.severityIntro.${severity}`)}</p>
            <ul>
              {found.map((i, n) => (
                <li key={n}>
                  {i.message}
                  {i.question ? (
                    <>
                      {' '}
                      <a href={`#${i.paragraphIndex !== undefined ? ids.paragraph(i.question, i.paragraphIndex) : ids.answer(i.question)}`}>
                        {/^\d+$/.test(i.question) ? t('submission.goToQuestion', { question: i.question }) : t('submission.goTo', { question: i.question })}
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}


function Contact({ template: t, response: r }: { template: Template; response: Response }) {
  // `t` is the template here: the interface's words come from `tr`.
  const { t: tr } = useTranslation();
  return (
    <section className="sub-section" aria-labelledby="contact-heading">
      <h2 id="contact-heading">{tr('submission.contact')}</h2>
      <dl className="contact-list">
        {t.contactFields.map((f) => {
          const value = (r.contact[f.key] ?? '').trim();
          return (
            <div key={f.key}>
              <dt>{f.label.replace(/:\s*$/, '')}</dt>
              <dd>{value === '' ? <span className="muted">{tr('submission.notGiven')}</span> : f.kind === 'email' ? <a href={`mailto:${value}`}>{value}</a> : value}</dd>
            </div>
          );
        })}
      </dl>
      {t.consent ? (
        <div className="consent">
          <h3>{tr('submission.consent')}</h3>
          <p className="muted small">{t.consent.prompt}</p>
          <p>
            <strong>{consentLabel(r.consent, t.consent)}</strong>
          </p>
        </div>
      ) : null}
    </section>
  );
}

function Answers({ template: t, response: r }: { template: Template; response: Response }) {
  const { t: tr } = useTranslation();
  const footnotes = new Set(r.footnotes.map((f) => f.number));
  const question = (q: Question) => (
    <Answer key={q.key} question={q} paragraphs={r.answers.filter((a) => a.question === q.key).flatMap((a) => a.paragraphs)} footnotes={footnotes} />
  );
  const pq = t.principlesQuestion;
  return (
    <>
      {t.clusters.map((c) => (
        <section className="sub-section sub-cluster" key={c.number} aria-labelledby={`cluster-${c.number}`}>
          <h2 id={`cluster-${c.number}`}>
            <span className="q-number">{c.number}.</span> {c.title}
          </h2>
          <ClusterObjectives objectives={c.objectives} headingLevel={3} />
          {c.questions.map(question)}
        </section>
      ))}
      {pq && t.principles.length ? (
        <section className="sub-section" aria-labelledby="principles-heading">
          <h2 id="principles-heading">
            <span className="q-number">{pq.key}.</span> {tr('submission.principles')}
          </h2>
          <p className="muted">{pq.prompt}</p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{tr('submission.principlesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr('submission.principle')}</th>
                  <th scope="col">{tr('submission.integrated')}</th>
                  <th scope="col">{tr('submission.explanation')}</th>
                </tr>
              </thead>
              <tbody>
                {t.principles.map((p) => {
                  const a = r.principles.find((x) => x.principle === p.key);
                  const integrated = a?.integrated ?? 'unanswered';
                  return (
                    <tr key={p.key} data-principle={p.key}>
                      <th scope="row">{p.title}</th>
                      <td className={integrated === 'unanswered' ? 'muted' : ''}>{triLabel(integrated)}</td>
                      <td className="pre-line">{a?.explanation || <span className="muted">{tr('submission.noneGiven')}</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {t.openQuestions.length ? (
        <section className="sub-section" aria-labelledby="open-heading">
          <h2 id="open-heading">{(t.openQuestionsHeading ?? tr('submission.further')).replace(/:\s*$/, '')}</h2>
          {t.openQuestions.map(question)}
        </section>
      ) : null}
    </>
  );
}

function Answer({ question: q, paragraphs, footnotes }: { question: Question; paragraphs: Paragraph[]; footnotes: Set<number> }) {
  const { t } = useTranslation();
  return (
    <div className="sub-answer" id={ids.answer(q.key)} data-question={q.key} tabIndex={-1}>
      <h3 className="q-question__prompt">
        <span className="q-number">{q.label ?? q.key}.</span> {q.prompt}
      </h3>
      {paragraphs.length === 0 ? <p className="answer__empty">{t('submission.noAnswer')}</p> : null}
      {paragraphs.map((p, i) => (
        <div className="sub-para" key={i} id={ids.paragraph(q.key, i)} data-paragraph={p.number ?? ''} tabIndex={-1}>
          <span className="sub-para__marker">{p.number !== null ? `${p.number}.` : p.label ? `${p.label}.` : ''}</span>
          <div className="sub-para__body">
            {p.label && p.number !== null ? <strong>{p.label}. </strong> : null}
            <ParagraphText paragraph={p} footnotes={footnotes} />
          </div>
        </div>
      ))}
    </div>
  );
}

/** The paragraph's lines: "• " lines become a list, the others paragraphs; footnote markers stay where they stood. */
function ParagraphText({ paragraph, footnotes }: { paragraph: Paragraph; footnotes: Set<number> }) {
  const lines: Run[][] = [[]];
  for (const run of paragraphRuns(paragraph)) {
    if ('footnote' in run) lines.at(-1)!.push(run);
    else
      run.text.split('\n').forEach((text, i) => {
        if (i > 0) lines.push([]);
        if (text) lines.at(-1)!.push({ text });
      });
  }
  const bullet = (line: Run[]) => {
    const first = line[0];
    return first !== undefined && 'text' in first && first.text.startsWith('\u2022 ');
  };
  const runs = (line: Run[]) =>
    line.map((run, i) =>
      'footnote' in run ? <FootnoteRef key={i} n={run.footnote} exists={footnotes.has(run.footnote)} /> : <Fragment key={i}>{run.text}</Fragment>,
    );
  const blocks: ReactNode[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!bullet(lines[i]!)) {
      if (lines[i]!.length) blocks.push(<p key={i}>{runs(lines[i]!)}</p>);
      continue;
    }
    const items: Run[][] = [];
    for (; i < lines.length && bullet(lines[i]!); i++) {
      const [first, ...rest] = lines[i]! as [{ text: string }, ...Run[]];
      items.push([{ text: first.text.slice(2) }, ...rest]);
    }
    i--;
    blocks.push(
      <ul key={i}>
        {items.map((item, k) => (
          <li key={k}>{runs(item)}</li>
        ))}
      </ul>,
    );
  }
  return <>{blocks}</>;
}

function FootnoteRef({ n, exists }: { n: number; exists: boolean }) {
  const { t } = useTranslation();
  if (!exists) return <sup className="fn-ref fn-ref--missing" title={t('submission.noFootnote', { number: n })}>{n}</sup>;
  return (
    <sup className="fn-ref">
      <a href={`#${ids.footnote(n)}`} aria-label={t('submission.footnote', { number: n })}>
        {n}
      </a>
    </sup>
  );
}

function Footnotes({ response: r }: { response: Response }) {
  const { t } = useTranslation();
  if (r.footnotes.length === 0) return null;
  return (
    <section className="sub-section" aria-labelledby="footnotes-heading">
      <h2 id="footnotes-heading">{t('submission.footnotes')}</h2>
      <ol className="footnotes">
        {[...r.footnotes]
          .sort((a, b) => a.number - b.number)
          .map((f) => (
            <li key={f.number} id={ids.footnote(f.number)} value={f.number} tabIndex={-1}>
              {f.text}
              {f.urls.map((u) => (
                <Fragment key={u}>
                  {' '}
                  {/^https?:\/\//i.test(u) ? (
                    <a href={u} className="footnote-link" target="_blank" rel="noopener noreferrer">
                      {u}
                      <span className="visually-hidden">{t('submission.newTab')}</span>
                    </a>
                  ) : (
                    <span className="footnote-url">{u}</span>
                  )}
                </Fragment>
              ))}
            </li>
          ))}
      </ol>
    </section>
  );
}

const sources = ['edit', 'import', 'demo'] as const;

function Versions({ versions }: { versions: SubmissionVersion[] }) {
  const { t } = useTranslation();
  const sourceLabel = (source: string) => (sources.some((s) => s === source) ? t(`submission.source.${source as (typeof sources)[number]}`) : source);
  return (
    <section className="sub-section" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('submission.history')}</h2>
      {versions.length === 0 ? (
        <p className="muted">{t('submission.noVersion')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('submission.versionsCaption', { count: versions.length })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('submission.colVersion')}
                </th>
                <th scope="col">{t('submission.colSaved')}</th>
                <th scope="col">{t('submission.colBy')}</th>
                <th scope="col">{t('submission.colHow')}</th>
                <th scope="col">{t('submission.colNote')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row" className="num">
                    {formatNumber(v.version)}
                  </th>
                  <td>{formatDateTime(v.savedAt)}</td>
                  <td>{v.savedBy}</td>
                  <td>{sourceLabel(v.source)}</td>
                  <td>{v.note ?? <span className="muted">–</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
