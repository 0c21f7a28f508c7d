// Open a review cycle: what is asked (template), of whom (States), by when, and where answers go.
// It is made as a draft; its page then edits it and opens it, which invites the States.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CycleInput } from '../../services/types.ts';
import { api, ApiError } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { useStoredState } from '../lib/useStoredState.ts';
import { roleLabel } from '../lib/format.ts';
import { PageHeading } from '../components/Page.tsx';
import { Field } from '../components/Field.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { CycleFields, cycleFieldErrors, cycleTerms, emptyCycleForm, statesToList, type CycleForm } from '../components/cycles/CycleFields.tsx';

export const newCycleStorageKey = 'gcm-review:new-cycle';

/** A new cycle starts as a draft: the secretariat checks it on its page, then opens it, which invites the States. */
function toInput(f: CycleForm, templateId: string): CycleInput {
  const { meeting, ...terms } = cycleTerms(f);
  return { ...terms, templateId, meeting: meeting ?? undefined, status: 'draft' };
}

export function NewCyclePage() {
  const { user, abilities } = useSession();
  const { t } = useTranslation();
  if (user && !abilities.createCycle) {
    return (
      <>
        <PageHeading title={t('newCycle.title')} />
        <div className="notice notice--warning" role="alert">
          <p>
            <strong>{t('newCycle.onlyAdmins')}</strong> {t('newCycle.youAre', { name: user.name, role: roleLabel(user.role) })}
          </p>
          <p>{t('newCycle.ifInvited')}</p>
        </div>
        <p>
          <Link to="/">{t('newCycle.back')}</Link>
        </p>
      </>
    );
  }
  return <NewCycleForm />;
}

function NewCycleForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useStoredState<CycleForm>(newCycleStorageKey, emptyCycleForm);
  const [showRestored, setShowRestored] = useState(form.restored);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const f = form.value;
  const data = useLoad(() => Promise.all([api.templates.list(), statesToList(f.region, f.includeFictional)]), [f.region, f.includeFictional]);

  const set = <K extends keyof CycleForm>(key: K, value: CycleForm[K]) => form.set((v) => ({ ...v, [key]: value }));
  const { errorsFor, summaryItems } = cycleFieldErrors(problem);

  if (data.status === 'error' || !data.data) {
    return (
      <>
        <PageHeading title={t('newCycle.title')} />
        {data.status === 'error' ? <LoadError error={data.error} what={t('newCycle.loading')} /> : <Loading what={t('newCycle.loading')} />}
      </>
    );
  }
  const [allTemplates, states] = data.data;
  // Only templates whose answers submissions can store today: the server refuses a cycle on any other.
  const templates = allTemplates;
  const templateId = templates.some((tpl) => tpl.id === f.templateId) ? f.templateId : (templates[0]?.id ?? '');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const cycle = await api.cycles.create(toInput(f, templateId));
      form.clear();
      navigate(`/cycles/${cycle.id}`, { state: { created: true } });
    } catch (err) {
      setProblem(err instanceof ApiError ? err : new ApiError(0, 'Error', t('newCycle.createFailed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t('newCycle.title')} eyebrow={<Link to="/">{t('cycles.title')}</Link>}>
        <p className="lead">{t('newCycle.lead')}</p>
      </PageHeading>
      <div className="form--wide">
      {showRestored ? (
        <div className="notice notice--info">
          <p>{t('newCycle.restored')}</p>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              form.clear();
              setShowRestored(false);
              setProblem(null);
            }}
          >
            {t('newCycle.startAgain')}
          </button>
        </div>
      ) : null}
      {problem ? <ErrorSummary detail={problem.summary} items={summaryItems} /> : null}
      <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <CycleFields
          form={f}
          set={set}
          setRegion={(region) => form.set((v) => ({ ...v, region, invitedStates: [] }))}
          states={states}
          errorsFor={errorsFor}
          templateField={
            <Field id="templateId" label={t('newCycle.label.templateId')} required errors={errorsFor('templateId')}>
              {(a11y) => (
                <select {...a11y} value={templateId} onChange={(e) => set('templateId', e.target.value)}>
                  {templates.map((tpl) => (
                    <option key={tpl.id} value={tpl.id}>
                      {t('newCycle.templateOption', { name: tpl.name, version: tpl.version })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          }
          afterAbout={
            templateId ? (
              <p className="muted">
                <Link to={`/templates/${templateId}`} target="_blank" rel="noopener">
                  {t('newCycle.preview')}
                </Link>
              </p>
            ) : null
          }
        />

        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('newCycle.creating') : t('newCycle.create')}
          </button>
          <Link to="/" className="button button--quiet">
            {t('newCycle.cancel')}
          </Link>
        </div>
      </form>
      </div>
    </>
  );
}
