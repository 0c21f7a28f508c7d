// Import a questionnaire filled offline (.txt, .docx, .pdf): read it, check and correct the
// result side by side with the source, then accept it into a State's draft.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Response } from '../../domain/response.ts';
import type { Template } from '../../domain/template.ts';
import { api, ApiError, type ImportReport, type ImportResult, type ItemImportReport, type ItemImportResult } from '../api.ts';
import type { Questionnaire } from '../../domain/questionnaire/questionnaire.ts';
import type { ItemResponse } from '../../domain/questionnaire/response.ts';
import { ItemImportReview } from '../components/import/ItemImportReview.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { formatNumber, roleLabel } from '../lib/format.ts';
import { toResponse } from '../lib/importEdits.ts';
import { revealElement } from '../lib/scrollTo.ts';
import { PageHeading } from '../components/Page.tsx';
import { Field } from '../components/Field.tsx';
import { LiveMessage, LoadError, Loading } from '../components/Status.tsx';
import { acceptedTypes, FileDrop, formatSize } from '../components/import/FileDrop.tsx';
import { SourcePane } from '../components/import/SourcePane.tsx';
import { ResultPane } from '../components/import/ResultPane.tsx';
import { ImportSummary } from '../components/import/ImportSummary.tsx';
import { AcceptPanel } from '../components/import/AcceptPanel.tsx';

interface ReadDocument {
  fileName: string;
  lines: string[] | null;
}
/** A document read with fixed slots (apac-2020 and its like), or with a questionnaire of the item model (a cycle on one). */
type Imported =
  | (ReadDocument & { kind: 'fixed-slots'; template: Template; report: ImportReport; response: Response })
  | (ReadDocument & { kind: 'items'; questionnaire: Questionnaire; report: ItemImportReport; response: ItemResponse });

type Phase = { kind: 'idle' } | { kind: 'uploading'; fraction: number } | { kind: 'reading' } | { kind: 'failed'; error: ApiError };

export function ImportPage() {
  const { user, abilities } = useSession();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const templateParam = params.get('template') ?? '';
  const cycleId = params.get('cycle') ?? '';
  const stateIso3 = params.get('state') ?? '';
  const setParam = (changes: Record<string, string>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const lists = useLoad(() => Promise.all([api.templates.list(), api.cycles.list()]), []);
  const invited = useLoad(() => (cycleId ? api.cycles.submissions(cycleId) : Promise.resolve([])), [cycleId]);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [imported, setImported] = useState<Imported | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const abort = useRef<AbortController | null>(null);

  const unplaced = useMemo(() => new Set(imported?.report.unplaced.map((u) => u.line) ?? []), [imported?.report]);

  // The server says whether the account saves drafts anywhere; which submissions, the choice of State below (those it may read) and the server's check on accepting.
  if (user && !abilities.importResponses) {
    return (
      <>
        <PageHeading title={t('importPage.title')} />
        <p className="notice notice--warning" role="alert">
          {t('importPage.notAllowed', { role: roleLabel(user.role).toLowerCase() })}
        </p>
      </>
    );
  }
  if (lists.status === 'error' || !lists.data) {
    return (
      <>
        <PageHeading title={t('importPage.title')} />
        {lists.status === 'error' ? <LoadError error={lists.error} what={t('importPage.loading')} /> : <Loading what={t('importPage.loading')} />}
      </>
    );
  }

  const [templates, cycles] = lists.data;
  const templateId = templateParam || templates[0]?.id || '';
  const cyclesForTemplate = cycles.filter((c) => c.templateId === templateId);
  const cycle = cyclesForTemplate.find((c) => c.id === cycleId) ?? null;
  const states = (invited.data ?? []).map((s) => s.state);
  const state = states.find((s) => s.iso3 === stateIso3) ?? null;
  const busy = phase.kind === 'uploading' || phase.kind === 'reading';

  const chooseFile = (f: File | null) => {
    setFile(f);
    setPhase({ kind: 'idle' });
    const ok = !f || acceptedTypes.some((ext) => f.name.toLowerCase().endsWith(ext));
    setFileError(ok ? '' : t('importPage.notAccepted', { file: f!.name }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError(t('importPage.chooseFile'));
      document.getElementById('import-file')?.focus();
      return;
    }
    if (fileError) {
      document.getElementById('import-file')?.focus();
      return;
    }
    abort.current = new AbortController();
    setPhase({ kind: 'uploading', fraction: 0 });
    setImported(null);
    try {
      const [result, template] = await Promise.all([
        api.imports.create(
          file,
          templateId,
          (fraction) => setPhase(fraction >= 1 ? { kind: 'reading' } : { kind: 'uploading', fraction }),
          abort.current.signal,
          cycle?.id,
        ),
        cycle ? api.cycles.template(cycle.id) : api.templates.get(templateId),
      ]);
      const read = { fileName: result.source?.fileName ?? file.name, lines: result.source?.lines ?? null };
      if ('items' in template) {
        const { import: report, source: _source, ...response } = result as ItemImportResult;
        setImported({ ...read, kind: 'items', questionnaire: template, report, response });
      } else setImported({ ...read, kind: 'fixed-slots', template, report: (result as ImportResult).import, response: toResponse(result as ImportResult) });
      setPhase({ kind: 'idle' });
      setAnnouncement(t('importPage.readAnnounce', { file: file.name, count: result.import.warnings.length }));
      // Let the result render, then bring it into view.
      requestAnimationFrame(() => revealElement('import-review', { flash: false }));
    } catch (err) {
      setPhase({ kind: 'failed', error: err instanceof ApiError ? err : new ApiError(0, 'Error', t('importPage.unreadable')) });
    }
  };

  const uploadError = phase.kind === 'failed' ? phase.error : null;
  const uploadErrorText = uploadError ? [uploadError.detail, ...uploadError.errors.map((e) => e.message)].join(' ') : '';

  return (
    <>
      <PageHeading title={t('importPage.title')} eyebrow={<Link to="/">{t('cycles.title')}</Link>}>
        <p className="lead">{t('importPage.lead')}</p>
      </PageHeading>

      <form className="card form import-setup" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <h2 className="visually-hidden">{t('importPage.documentHeading')}</h2>
        <div className="grid-3">
          <Field id="import-template" label={t('importPage.template')} required>
            {(a11y) => (
              <select
                {...a11y}
                value={templateId}
                onChange={(e) => {
                  setParam({ template: e.target.value, cycle: '', state: '' });
                  setImported(null);
                }}
              >
                {templates.map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {tpl.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="import-cycle" label={t('importPage.cycle')} hint={t('importPage.cycleHint')}>
            {(a11y) => (
              <select {...a11y} value={cycle?.id ?? ''} onChange={(e) => setParam({ cycle: e.target.value, state: '' })}>
                <option value="">{t('importPage.noCycle')}</option>
                {cyclesForTemplate.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="import-state" label={t('importPage.state')} hint={cycle ? t('importPage.stateHint') : t('importPage.cycleFirst')}>
            {(a11y) => (
              <select {...a11y} value={state?.iso3 ?? ''} onChange={(e) => setParam({ state: e.target.value })} disabled={!cycle}>
                <option value="">{cycle ? t('importPage.chooseState') : t('importPage.noCycleChosen')}</option>
                {states.map((s) => (
                  <option key={s.iso3} value={s.iso3}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className={fileError || uploadError ? 'field field--error' : 'field'}>
          <label htmlFor="import-file" className="field__label">
            {t('importPage.file')}
            <span className="field__required">{t('field.required')}</span>
          </label>
          <p id="import-file-hint" className="field__hint">
            {t('importPage.fileHint')}
          </p>
          {fileError || uploadError ? (
            <div id="import-file-error" className="field__error" role="alert">
              <p>
                <span className="visually-hidden">{t('field.error')}</span>
                {fileError || uploadErrorText}
              </p>
            </div>
          ) : null}
          <FileDrop
            id="import-file"
            file={file}
            onFile={chooseFile}
            describedBy={['import-file-hint', fileError || uploadError ? 'import-file-error' : ''].filter(Boolean).join(' ')}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('importPage.reading') : t('importPage.read')}
          </button>
          {busy ? (
            <button type="button" className="button button--quiet" onClick={() => abort.current?.abort()}>
              {t('importPage.cancel')}
            </button>
          ) : null}
        </div>
        {busy && file ? (
          <div className="upload-progress">
            <label htmlFor="upload-progress">
              {phase.kind === 'uploading'
                ? t('importPage.uploading', { file: file.name, size: formatSize(file.size), percent: formatNumber(Math.round(phase.fraction * 100)) })
                : t('importPage.readingFile', { file: file.name })}
            </label>
            {phase.kind === 'uploading' ? <progress id="upload-progress" max={100} value={Math.round(phase.fraction * 100)} /> : <progress id="upload-progress" />}
          </div>
        ) : null}
      </form>

      <LiveMessage kind="info">{announcement || null}</LiveMessage>

      {imported ? (
        <div id="import-review" className="import-review" tabIndex={-1} aria-label={t('importPage.resultOf', { file: imported.fileName })} role="region">
          {imported.kind === 'items' ? (
            <ItemImportReview
              questionnaire={imported.questionnaire}
              fileName={imported.fileName}
              report={imported.report}
              lines={imported.lines}
              response={imported.response}
              onChange={(response) => setImported((cur) => (cur?.kind === 'items' ? { ...cur, response } : cur))}
            />
          ) : (
            <>
              <ImportSummary report={imported.report} response={imported.response} template={imported.template} />
              <div className="side-by-side">
                {imported.lines ? (
                  <SourcePane fileName={imported.fileName} lines={imported.lines} unplaced={unplaced} />
                ) : (
                  <UnplacedOnly report={imported.report} />
                )}
                <ResultPane
                  template={imported.template}
                  response={imported.response}
                  onChange={(response) => setImported((cur) => (cur?.kind === 'fixed-slots' ? { ...cur, response } : cur))}
                  onMoved={(message, targetId) => {
                    setAnnouncement(message);
                    requestAnimationFrame(() => revealElement(targetId));
                  }}
                />
              </div>
            </>
          )}
          <AcceptPanel cycle={cycle} state={state} response={imported.response} fileName={imported.fileName} />
        </div>
      ) : null}
    </>
  );
}

/** When the server does not send the source lines, at least show what was left out. */
function UnplacedOnly({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <section className="pane" aria-labelledby="source-heading">
      <div className="pane__head">
        <h2 id="source-heading">{t('importPage.notPlacedHeading')}</h2>
      </div>
      {report.unplaced.length ? (
        <ol className="source-lines">
          {report.unplaced.map((u) => (
            <li key={u.line} id={`source-line-${u.line}`} className="source-line source-line--unplaced">
              <span className="source-line__number">{u.line}</span>
              <span className="source-line__text">{u.text}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('importPage.allPlaced')}</p>
      )}
    </section>
  );
}
