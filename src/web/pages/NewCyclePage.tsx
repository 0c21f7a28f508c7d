// Open a review cycle: what is asked (template), of whom (States), by when, and where answers go.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/index.ts';
import type { CycleInput } from '../../services/types.ts';
import { regions } from '../../domain/reference.ts';
import { api, ApiError } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { useStoredState } from '../lib/useStoredState.ts';
import { errorsByField } from '../lib/fieldErrors.ts';
import { roleLabel } from '../lib/format.ts';
import { PageHeading } from '../components/Page.tsx';
import { Field } from '../components/Field.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { StatePicker } from '../components/StatePicker.tsx';
import { LoadError, Loading } from '../components/Status.tsx';

interface CycleForm {
  title: string;
  templateId: string;
  region: keyof typeof regions;
  meetingName: string;
  meetingPlace: string;
  meetingDates: string;
  deadline: string;
  returnAddresses: string;
  invitedStates: string[];
  includeFictional: boolean;
}

const emptyForm: CycleForm = {
  title: '',
  templateId: '',
  region: 'escap',
  meetingName: '',
  meetingPlace: '',
  meetingDates: '',
  deadline: '',
  returnAddresses: '',
  invitedStates: [],
  includeFictional: false,
};

/** Server field paths → the id of the control that shows them. */
const fieldIds: Record<string, string> = {
  title: 'title',
  templateId: 'templateId',
  region: 'region',
  'meeting.name': 'meetingName',
  'meeting.place': 'meetingPlace',
  'meeting.dates': 'meetingDates',
  meeting: 'meetingName',
  deadline: 'deadline',
  returnAddresses: 'returnAddresses',
  invitedStates: 'invitedStates',
};

export const newCycleStorageKey = 'gcm-review:new-cycle';

function toInput(f: CycleForm, templateId: string): CycleInput {
  const meeting = f.meetingName.trim() || f.meetingPlace.trim() || f.meetingDates.trim();
  return {
    title: f.title.trim(),
    templateId,
    region: f.region,
    meeting: meeting
      ? {
          name: f.meetingName.trim(),
          ...(f.meetingPlace.trim() ? { place: f.meetingPlace.trim() } : {}),
          ...(f.meetingDates.trim() ? { dates: f.meetingDates.trim() } : {}),
        }
      : undefined,
    deadline: f.deadline,
    returnAddresses: f.returnAddresses
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean),
    invitedStates: f.invitedStates,
    status: 'open',
  };
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
  const form = useStoredState<CycleForm>(newCycleStorageKey, emptyForm);
  const [showRestored, setShowRestored] = useState(form.restored);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const f = form.value;
  const data = useLoad(
    () => Promise.all([api.templates.list(), api.states.list(f.region), f.includeFictional ? api.states.list() : Promise.resolve([])]),
    [f.region, f.includeFictional],
  );

  const set = <K extends keyof CycleForm>(key: K, value: CycleForm[K]) => form.set((v) => ({ ...v, [key]: value }));
  const fieldErrors = problem ? errorsByField(problem.errors, Object.keys(fieldIds), { returnAddresses: 'line', invitedStates: 'state' }) : {};
  const errorsFor = (...keys: string[]) => {
    const list = keys.flatMap((k) => fieldErrors[k] ?? []);
    return list.length ? list : undefined;
  };

  if (data.status === 'error' || !data.data) {
    return (
      <>
        <PageHeading title={t('newCycle.title')} />
        {data.status === 'error' ? <LoadError error={data.error} what={t('newCycle.loading')} /> : <Loading what={t('newCycle.loading')} />}
      </>
    );
  }
  const [allTemplates, regionStates, allStates] = data.data;
  // Only templates whose answers submissions can store today: the server refuses a cycle on any other.
  const templates = allTemplates.filter((tpl) => tpl.answerableOnline);
  const templateId = templates.some((tpl) => tpl.id === f.templateId) ? f.templateId : (templates[0]?.id ?? '');
  const states = [...regionStates, ...allStates.filter((s) => s.groups.includes('fictional'))].sort((a, b) => a.name.localeCompare(b.name, 'en'));

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

  const summaryItems = problem
    ? Object.entries(fieldErrors).flatMap(([field, messages]) =>
        messages.map((message) => (field ? { fieldId: fieldIds[field] ?? field, message: t('fieldErrors.labelled', { label: label(field), message }) } : { message })),
      )
    : [];

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
        <section className="card form__section" aria-labelledby="about-heading">
          <h2 id="about-heading">{t('newCycle.about')}</h2>
          <Field id="title" label={label('title')} required errors={errorsFor('title')} hint={t('newCycle.titleHint')}>
            {(a11y) => <input {...a11y} type="text" value={f.title} onChange={(e) => set('title', e.target.value)} />}
          </Field>
          <div className="grid-2">
            <Field id="templateId" label={label('templateId')} required errors={errorsFor('templateId')}>
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
            <Field id="region" label={label('region')} required errors={errorsFor('region')}>
              {(a11y) => (
                <select {...a11y} value={f.region} onChange={(e) => form.set((v) => ({ ...v, region: e.target.value as CycleForm['region'], invitedStates: [] }))}>
                  {Object.entries(regions).map(([key, r]) => (
                    <option key={key} value={key}>
                      {r.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {templateId ? (
            <p className="muted">
              <Link to={`/templates/${templateId}`} target="_blank" rel="noopener">
                {t('newCycle.preview')}
              </Link>
            </p>
          ) : null}
        </section>

        <section className="card form__section" aria-labelledby="meeting-heading">
          <h2 id="meeting-heading">{t('newCycle.meetingHeading')}</h2>
          <p className="muted">{t('newCycle.meetingOptional')}</p>
          <Field id="meetingName" label={label('meeting.name')} errors={errorsFor('meeting.name', 'meeting')} hint={t('newCycle.meetingNameHint')}>
            {(a11y) => <input {...a11y} type="text" value={f.meetingName} onChange={(e) => set('meetingName', e.target.value)} />}
          </Field>
          <div className="grid-2">
            <Field id="meetingPlace" label={label('meeting.place')} errors={errorsFor('meeting.place')}>
              {(a11y) => <input {...a11y} type="text" value={f.meetingPlace} onChange={(e) => set('meetingPlace', e.target.value)} />}
            </Field>
            <Field id="meetingDates" label={label('meeting.dates')} errors={errorsFor('meeting.dates')} hint={t('newCycle.meetingDatesHint')}>
              {(a11y) => <input {...a11y} type="text" value={f.meetingDates} onChange={(e) => set('meetingDates', e.target.value)} />}
            </Field>
          </div>
        </section>

        <section className="card form__section" aria-labelledby="return-heading">
          <h2 id="return-heading">{t('newCycle.returnHeading')}</h2>
          <Field id="deadline" label={label('deadline')} required errors={errorsFor('deadline')} hint={t('newCycle.deadlineHint')}>
            {(a11y) => <input {...a11y} type="date" className="input--date" value={f.deadline} onChange={(e) => set('deadline', e.target.value)} />}
          </Field>
          <Field
            id="returnAddresses"
            label={label('returnAddresses')}
            errors={errorsFor('returnAddresses')}
            hint={t('newCycle.returnHint')}
          >
            {(a11y) => <textarea {...a11y} rows={3} value={f.returnAddresses} onChange={(e) => set('returnAddresses', e.target.value)} spellCheck={false} />}
          </Field>
        </section>

        <section className="card form__section" aria-labelledby="states-heading">
          <h2 id="states-heading">{t('newCycle.statesHeading')}</h2>
          <StatePicker
            id="invitedStates"
            states={states}
            selected={f.invitedStates.filter((c) => states.some((s) => s.iso3 === c))}
            onChange={(codes) => set('invitedStates', codes)}
            errors={errorsFor('invitedStates')}
            region={f.region}
            regionLabel={f.region.toUpperCase()}
          />
          <label className="check check--standalone">
            <input type="checkbox" checked={f.includeFictional} onChange={(e) => set('includeFictional', e.target.checked)} />
            <span>{t('newCycle.fictional')}</span>
          </label>
        </section>

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

/** A field's label by its server path ("meeting.name"), in the interface language; the path itself when it is no field of the form. */
function label(field: string): string {
  const keys: Record<string, string> = {
    title: 'title',
    templateId: 'templateId',
    region: 'region',
    'meeting.name': 'meetingName',
    meeting: 'meeting',
    'meeting.place': 'meetingPlace',
    'meeting.dates': 'meetingDates',
    deadline: 'deadline',
    returnAddresses: 'returnAddresses',
    invitedStates: 'invitedStates',
  };
  const key = keys[field];
  return key ? i18n.t(`newCycle.label.${key as 'title'}`) : field;
}
