// One State's submission: who saved which version, downloads, the checks (what to look at before
// submitting), and the answers through the questionnaire's item components, in the form's
// language chosen here. Whoever the server lets save (`allowedActions`) answers online: each item
// is an editor, saved after a short pause from the version loaded (lib/autosave.ts), with a
// conflict said plainly when someone else saved first.
import { Fragment, useCallback, useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Response } from '../../domain/response.ts';
import type { Template } from '../../domain/template.ts';
import { validateResponse, type IssueSeverity, type ResponseIssue } from '../../domain/validation.ts';
import { fromLegacyResponse, toLegacyResponse } from '../../domain/questionnaire/legacy.ts';
import { languagesOf, type Questionnaire } from '../../domain/questionnaire/questionnaire.ts';
import { validate } from '../../domain/questionnaire/validate.ts';
import type { Finding } from '../../domain/questionnaire/kind.ts';
import type { ItemResponse } from '../../domain/questionnaire/response.ts';
import { templateLanguages } from '../../services/template-language.ts';
import type { SavedVersion, Submission, SubmissionVersion } from '../../services/types.ts';
import { api, type ApiError } from '../api.ts';
import { PageHeading } from '../components/Page.tsx';
import { Badge, LoadError, Loading } from '../components/Status.tsx';
import { SubmissionActions } from '../components/SubmissionActions.tsx';
import { VersionCompare } from '../components/VersionCompare.tsx';
import { WorkflowHistory } from '../components/WorkflowHistory.tsx';
import { AssignmentsPanel } from '../components/assignments/AssignmentsPanel.tsx';
import { QueriesPanel } from '../components/queries/QueriesPanel.tsx';
import { ItemQuestionnaire } from '../components/items/ItemQuestionnaire.tsx';
import { anchors as ids } from '../components/items/ParagraphText.tsx';
import { useAutosave, type Autosave } from '../lib/autosave.ts';
import { formatDateTime, formatNumber, submissionStatusLabel } from '../lib/format.ts';
import { languageName } from '../lib/language-name.ts';
import { useLoad } from '../lib/useLoad.ts';
import { intlLocale } from '../i18n/index.ts';
import { FormLanguagePicker, useLocalised } from './QuestionnairePage.tsx';

export function SubmissionPage() {
  const { id = '', iso3 = '' } = useParams();
  const { t, i18n } = useTranslation();
  const data = useLoad(async () => {
    // The submission first: it is what says whether this account may read it.
    const submission = await api.submissions.get(id, iso3);
    const [cycle, versions, template] = await Promise.all([api.cycles.get(id), api.submissions.versions(id, iso3), api.cycles.template(id)]);
    return { submission, cycle, versions, template };
  }, [id, iso3]);
  const form = useLocalised((language) => api.cycles.questionnaire(id, language), id);
  const q = form.data.data;
  // What was saved on this page since it loaded: the heading and the history follow it.
  const [saved, setSaved] = useState<SavedVersion | null>(null);
  const history = useLoad(() => (saved ? api.submissions.versions(id, iso3) : Promise.resolve(null)), [id, iso3, saved?.version]);

  if (data.status !== 'ready' || (!q && form.data.status !== 'error')) {
    return (
      <>
        <PageHeading title={t('submission.title')} eyebrow={<Link to={`/cycles/${encodeURIComponent(id)}`}>{t('cycle.title')}</Link>} />
        {data.status === 'error' ? <SubmissionLoadError error={data.error} /> : <Loading what={t('submission.loading')} />}
      </>
    );
  }
  const { submission: loaded, cycle, template } = data.data;
  const s = saved && saved.version > loaded.version ? { ...loaded, version: saved.version, updatedAt: saved.savedAt, updatedBy: saved.savedBy } : loaded;
  const versions = history.data ?? data.data.versions;
  const anySaved = s.version > 0;
  const others = ('items' in template ? languagesOf(template) : templateLanguages(template)).filter((language) => language !== template.language);
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
          <span>{anySaved ? t('submission.version', { version: formatNumber(s.version) }) : t('submission.nothingSaved')}</span>
          {s.updatedAt ? (
            <span>
              {s.updatedBy
                ? t('submission.lastSavedBy', { name: s.updatedBy, date: formatDateTime(s.updatedAt) })
                : t('submission.lastSaved', { date: formatDateTime(s.updatedAt) })}
            </span>
          ) : null}
        </p>
      </PageHeading>
      <WorkflowHistory cycleId={cycle.id} iso3={s.state.iso3} status={loaded.status} version={loaded.version} />

      <div className="downloads" role="group" aria-labelledby="downloads-label">
        <span id="downloads-label">{anySaved ? t('submission.downloadVersion', { version: formatNumber(s.version) }) : t('submission.downloadBlank')}</span>
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

      {q ? (
        <Answering
          cycleId={cycle.id}
          submission={loaded}
          template={template}
          questionnaire={q.questionnaire}
          language={q.language}
          picker={<FormLanguagePicker value={q.language} languages={q.languages} onChange={form.choose} />}
          onReload={data.reload}
          onSaved={setSaved}
        />
      ) : (
        form.data.error && <LoadError error={form.data.error} what={t('questionnaire.loadError')} />
      )}
      <AssignmentsPanel cycleId={cycle.id} iso3={s.state.iso3} />
      <QueriesPanel cycleId={cycle.id} iso3={s.state.iso3} />
      <Versions versions={versions} />
      <VersionCompare
        cycleId={cycle.id}
        iso3={s.state.iso3}
        versions={versions}
        currentVersion={s.version}
        canRestore={loaded.allowedActions.includes('save')}
        onRestored={(restored) => {
          // The editor loads again, at the new version.
          setSaved(restored);
          data.reload();
        }}
      />
    </article>
  );
}

interface AnsweringProps {
  cycleId: string;
  submission: Submission;
  /** The cycle's template: fixed slots (answers stored as a Response) or a questionnaire of the item model (as an ItemResponse). */
  template: Template | Questionnaire;
  questionnaire: Questionnaire;
  language: string;
  picker: ReactNode;
  onReload: () => void;
  onSaved: (saved: SavedVersion) => void;
}

/** The workflow buttons, the checks and the answers; an editor of them when the server lets this user save. */
function Answering({ cycleId, submission: s, template, questionnaire, language, picker, onReload, onSaved }: AnsweringProps) {
  const { t } = useTranslation();
  const canSave = s.allowedActions.includes('save');
  // Edited in the item model whichever way the cycle stores it.
  const fixedSlots = 'items' in template ? null : template;
  const initial = useMemo(() => (fixedSlots ? fromLegacyResponse(questionnaire, s.response as Response) : (s.response as ItemResponse)), [fixedSlots, questionnaire, s.response]);
  const save = useCallback(
    async (value: ItemResponse, baseVersion: number) => {
      const saved = await api.submissions.save(cycleId, s.state.iso3, { response: fixedSlots ? toLegacyResponse(questionnaire, value) : value, baseVersion });
      onSaved(saved);
      return saved;
    },
    [cycleId, s.state.iso3, fixedSlots, questionnaire, onSaved],
  );
  const edit = useAutosave(initial, { storageKey: `gcm-review:unsaved:${cycleId}/${s.state.iso3}`, baseVersion: s.version, save });
  const issues = useMemo(() => {
    if (!fixedSlots) return validate(questionnaire, edit.value, { lang: language }).map(asIssue);
    const response = edit.value === initial ? (s.response as Response) : toLegacyResponse(questionnaire, edit.value);
    return validateResponse(fixedSlots, response);
  }, [fixedSlots, questionnaire, language, edit.value, initial, s.response]);
  const shown = edit.version > 0 || edit.dirty;
  // Submitting sends the version saved: offered once the edits are saved, never over them.
  const actions = edit.dirty || edit.state.kind === 'saving' ? s.allowedActions.filter((a) => a !== 'submit') : s.allowedActions;
  const { change } = edit;
  const onChange = useCallback((key: string, answer: ItemResponse['answers'][string]) => change((v) => ({ ...v, answers: { ...v.answers, [key]: answer } })), [change]);
  const assigned = useAssignedOnly(cycleId, s.state.iso3, canSave);
  return (
    <>
      {assigned.only ? <AssignedOnlyNote keys={assigned.only} names={assigned.names} /> : null}
      {s.allowedActions.includes('submit') ? <BeforeSubmitting issues={issues} waiting={actions.length !== s.allowedActions.length} /> : null}
      <SubmissionActions cycleId={cycleId} submission={{ ...s, version: edit.version, allowedActions: actions }} onDone={onReload} />
      {canSave ? <SaveBar edit={edit} cycleId={cycleId} iso3={s.state.iso3} onReload={onReload} /> : null}
      {shown ? <Checks issues={issues} /> : null}
      {shown || canSave ? (
        <ItemQuestionnaire
          questionnaire={questionnaire}
          language={language}
          response={edit.value}
          onChange={canSave && assigned.known ? onChange : undefined}
          editable={assigned.only}
          embedded
          tools={<div className="q-form-tools no-print">{picker}</div>}
        />
      ) : (
        <p className="empty">{t('submission.noAnswers', { state: s.state.name })}</p>
      )}
      {shown ? <Footnotes response={edit.value} /> : null}
    </>
  );
}

/**
 * What of the answers this reader may change (GET …/assignments, `editable`): `only` the keys of the
 * questions assigned to them, or undefined for all of it; `known` once that is loaded (or failed to
 * load: the server still refuses a save outside the assignment), so that no editor shows before.
 */
function useAssignedOnly(cycleId: string, iso3: string, canSave: boolean) {
  const loaded = useLoad(() => (canSave ? api.assignments.ofSubmission(cycleId, iso3) : Promise.resolve(null)), [cycleId, iso3, canSave]);
  const editable = loaded.data?.editable;
  const only = useMemo(() => (editable && editable !== 'all' ? new Set(editable) : undefined), [editable]);
  const names = useMemo(() => new Map((loaded.data?.questions ?? []).map((q) => [q.key, q.question])), [loaded.data?.questions]);
  return { only, names, known: loaded.data !== undefined || loaded.status === 'error' };
}

/** Above a contributor's form: the questions they may change, the rest being there to read. */
function AssignedOnlyNote({ keys, names }: { keys: ReadonlySet<string>; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const questions = [...keys].map((key) => names.get(key) ?? key);
  return (
    <div className="before-submit" role="note">
      <p>
        {questions.length === 0
          ? t('editor.nothingAssigned')
          : t('editor.assignedOnly', { count: questions.length, questions: new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(questions) })}
      </p>
    </div>
  );
}

/** A finding of the item model's validation as the checks list shows it (the item's key where a fixed-slot issue names its question). */
function asIssue(f: Finding): ResponseIssue {
  return {
    severity: f.severity,
    code: f.code as ResponseIssue['code'],
    message: f.message,
    ...(f.item !== undefined ? { question: f.item } : {}),
    ...(f.paragraphIndex !== undefined ? { paragraphIndex: f.paragraphIndex } : {}),
    ...(f.footnote !== undefined ? { footnote: f.footnote } : {}),
  };
}

/** What the checks found, said next to the submit button: the State decides whether to fix it first. */
function BeforeSubmitting({ issues, waiting }: { issues: ResponseIssue[]; waiting: boolean }) {
  const { t } = useTranslation();
  const toCheck = issues.filter((i) => i.severity !== 'info').length;
  return (
    <div className="before-submit" role="note">
      <p>
        {toCheck === 0 ? t('editor.readyToSubmit') : t('editor.beforeSubmit', { count: toCheck })} {toCheck > 0 ? <a href="#checks-heading">{t('editor.seeChecks')}</a> : null}
      </p>
      {waiting ? <p className="muted small">{t('editor.submitAfterSave')}</p> : null}
    </div>
  );
}

/** The save button and what became of the last save; a conflict stops saving until the user chooses. */
function SaveBar({ edit, cycleId, iso3, onReload }: { edit: Autosave<ItemResponse>; cycleId: string; iso3: string; onReload: () => void }) {
  const { t } = useTranslation();
  const st = edit.state;
  const time = (iso: string) => new Intl.DateTimeFormat(intlLocale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  const line =
    st.kind === 'saving'
      ? t('editor.saving')
      : st.kind === 'saved'
        ? t('editor.savedAt', { time: time(st.at), version: formatNumber(st.version) })
        : st.kind === 'failed'
          ? t('editor.notSaved', { reason: st.message })
          : st.kind === 'conflict'
            ? t('editor.notSavedConflict')
            : st.kind === 'pending'
              ? t('editor.unsaved')
              : t('editor.upToDate');
  return (
    <section className="save-bar no-print" aria-label={t('editor.region')}>
      {edit.offer ? (
        <div className="save-bar__offer" role="alert">
          <p>{t('editor.offer', { date: formatDateTime(edit.offer.at), version: formatNumber(edit.offer.baseVersion) })}</p>
          <button type="button" className="button button--primary" onClick={edit.restore}>
            {t('editor.restore')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={edit.discard}>
            {t('editor.discard')}
          </button>
        </div>
      ) : null}
      {st.kind === 'conflict' ? (
        <div className="save-bar__conflict" role="alert">
          <h2>{t('editor.conflictHeading')}</h2>
          <p>{st.message}</p>
          <p>
            {t('editor.conflictKept')}{' '}
            <a href={api.submissions.exportUrl(cycleId, iso3, 'txt')} target="_blank" rel="noopener noreferrer">
              {t('editor.seeTheirs')}
              <span className="visually-hidden">{t('submission.newTab')}</span>
            </a>
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              edit.forget();
              onReload();
            }}
          >
            {t('editor.reloadTheirs')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => edit.keepMine(async () => (await api.submissions.get(cycleId, iso3)).version)}>
            {t('editor.keepMine')}
          </button>
        </div>
      ) : null}
      <div className="save-bar__line">
        <p role="status" className={`save-bar__status save-bar__status--${st.kind}`}>
          {line}
        </p>
        <button type="button" className="button button--primary" onClick={edit.saveNow} disabled={st.kind === 'saving' || st.kind === 'conflict' || !edit.dirty}>
          {t('editor.save')}
        </button>
      </div>
    </section>
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


function Footnotes({ response: r }: { response: Pick<Response, 'footnotes'> }) {
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

const sources = ['edit', 'import', 'demo', 'restore'] as const;

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
