// A cycle's life, on its page, for secretariat administrators: a draft is edited (the new-cycle
// form's fields) and opened (its States' coordinators are mailed; an address can be given for a
// State that has no coordinator, who is invited; the States no one will hear in are named before
// and after); an open cycle's deadline is extended (its coordinators are told) and the cycle
// closed; a closed one archived. Each step is confirmed first, and says what it did.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CycleSummary } from '../../../services/types.ts';
import { api, ApiError, type CoordinatorAddress, type CycleNotice, type OpenedCycle } from '../../api.ts';
import { formatDate } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { ErrorSummary } from '../ErrorSummary.tsx';
import { Field } from '../Field.tsx';
import { LiveMessage, Loading, LoadError } from '../Status.tsx';
import { CycleFields, cycleFieldErrors, cycleTerms, formOfCycle, statesToList, type CycleForm } from './CycleFields.tsx';

type Panel = 'edit' | 'open' | 'extend' | 'close' | 'archive';

interface Props {
  cycle: CycleSummary;
  /** Reloads the page's cycle after a change. */
  onChanged(): void;
}

const names = (list: { stateName: string }[]) => list.map((r) => r.stateName).join(', ');

export function CycleLifecycle({ cycle, onChanged }: Props) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [done, setDone] = useState<ReactNode>(null);

  const finish = (message: ReactNode) => {
    setPanel(null);
    setDone(message);
    onChanged();
  };
  const toggle = (p: Panel) => ({
    'aria-expanded': panel === p,
    onClick: () => {
      setDone(null);
      setPanel(panel === p ? null : p);
    },
  });

  return (
    <section className="card lifecycle" aria-labelledby="lifecycle-heading">
      <h2 id="lifecycle-heading">{t('cycleLife.heading')}</h2>
      <p className="muted">{t(`cycleLife.now.${cycle.status}`)}</p>
      <LiveMessage>{done}</LiveMessage>
      <p className="lifecycle__buttons">
        {cycle.status === 'draft' ? (
          <>
            <button type="button" className="button button--secondary" {...toggle('edit')}>
              {t('cycleLife.edit')}
            </button>{' '}
            <button type="button" className="button button--primary" {...toggle('open')}>
              {t('cycleLife.open')}
            </button>
          </>
        ) : null}
        {cycle.status === 'open' ? (
          <>
            <button type="button" className="button button--secondary" {...toggle('extend')}>
              {t('cycleLife.extend')}
            </button>{' '}
            <button type="button" className="button button--secondary" {...toggle('close')}>
              {t('cycleLife.close')}
            </button>
          </>
        ) : null}
        {cycle.status === 'closed' ? (
          <button type="button" className="button button--secondary" {...toggle('archive')}>
            {t('cycleLife.archive')}
          </button>
        ) : null}
      </p>
      {panel === 'edit' ? <EditCycle cycle={cycle} onCancel={() => setPanel(null)} onSaved={() => finish(t('cycleLife.saved'))} /> : null}
      {panel === 'open' ? <OpenCycle cycle={cycle} onCancel={() => setPanel(null)} onOpened={(r) => finish(<OpenedMessage result={r} />)} /> : null}
      {panel === 'extend' ? <ExtendDeadline cycle={cycle} onCancel={() => setPanel(null)} onExtended={(r) => finish(<ExtendedMessage result={r} />)} /> : null}
      {panel === 'close' ? (
        <ConfirmStatus
          cycle={cycle}
          status="closed"
          question={t('cycleLife.closeConfirm', { title: cycle.title })}
          action={t('cycleLife.closeAction')}
          onCancel={() => setPanel(null)}
          onDone={() => finish(t('cycleLife.closed'))}
        />
      ) : null}
      {panel === 'archive' ? (
        <ConfirmStatus
          cycle={cycle}
          status="archived"
          question={t('cycleLife.archiveConfirm', { title: cycle.title })}
          action={t('cycleLife.archiveAction')}
          onCancel={() => setPanel(null)}
          onDone={() => finish(t('cycleLife.archived'))}
        />
      ) : null}
    </section>
  );
}

/** Runs one request for a panel: busy while it runs, and the server's refusal kept to show. */
function useRequest() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  async function run<T>(request: () => Promise<T>, then: (result: T) => void) {
    setBusy(true);
    setProblem(null);
    try {
      then(await request());
    } catch (err) {
      setProblem(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
    } finally {
      setBusy(false);
    }
  }
  return { busy, problem, run };
}

function Refusal({ problem }: { problem: ApiError | null }) {
  return problem ? (
    <p className="notice notice--error" role="alert">
      {problem.summary}
    </p>
  ) : null;
}

function PanelButtons({ busy, action, busyLabel, onCancel, submit = true, onAct }: { busy: boolean; action: string; busyLabel: string; onCancel(): void; submit?: boolean; onAct?(): void }) {
  const { t } = useTranslation();
  return (
    <div className="form__actions">
      <button type={submit ? 'submit' : 'button'} className="button button--primary" disabled={busy} onClick={onAct}>
        {busy ? busyLabel : action}
      </button>{' '}
      <button type="button" className="button button--quiet" onClick={onCancel} disabled={busy}>
        {t('cycleLife.cancel')}
      </button>
    </div>
  );
}

function EditCycle({ cycle, onCancel, onSaved }: { cycle: CycleSummary; onCancel(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<CycleForm>(() => formOfCycle(cycle));
  const states = useLoad(() => statesToList(form.region, form.includeFictional), [form.region, form.includeFictional]);
  const { busy, problem, run } = useRequest();
  const prefix = 'edit-';
  const { errorsFor, summaryItems } = cycleFieldErrors(problem, prefix);
  const set = <K extends keyof CycleForm>(key: K, value: CycleForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  if (!states.data) return states.status === 'error' ? <LoadError error={states.error} what={t('newCycle.loading')} /> : <Loading what={t('newCycle.loading')} />;
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.cycles.edit(cycle.id, cycleTerms(form)), onSaved);
  };
  return (
    <form className="form lifecycle__panel" onSubmit={save} noValidate aria-busy={busy} aria-labelledby="edit-cycle-heading">
      <h3 id="edit-cycle-heading">{t('cycleLife.editHeading')}</h3>
      {problem ? <ErrorSummary detail={problem.summary} items={summaryItems} /> : null}
      <CycleFields
        form={form}
        set={set}
        setRegion={(region) => setForm((f) => ({ ...f, region, invitedStates: [] }))}
        states={states.data}
        errorsFor={errorsFor}
        idPrefix={prefix}
      />
      <PanelButtons busy={busy} action={t('cycleLife.save')} busyLabel={t('cycleLife.saving')} onCancel={onCancel} />
    </form>
  );
}

function OpenCycle({ cycle, onCancel, onOpened }: { cycle: CycleSummary; onCancel(): void; onOpened(result: OpenedCycle): void }) {
  const { t } = useTranslation();
  const ids = useId();
  // Who coordinates each invited State now: the tracking table knows.
  const tracking = useLoad(() => api.cycles.tracking(cycle.id), [cycle.id]);
  const [addresses, setAddresses] = useState<Record<string, string>>({});
  const { busy, problem, run } = useRequest();

  if (!tracking.data) return tracking.status === 'error' ? <LoadError error={tracking.error} what={t('tracking.loading')} /> : <Loading what={t('tracking.loading')} />;
  const rows = tracking.data.rows;
  const withCoordinator = rows.filter((r) => r.coordinators.length > 0);
  const without = rows.filter((r) => r.coordinators.length === 0);
  const unheard = without.filter((r) => !(addresses[r.iso3] ?? '').trim());
  const errorFor = (iso3: string) => {
    const i = without.filter((r) => (addresses[r.iso3] ?? '').trim()).findIndex((r) => r.iso3 === iso3);
    const list = (problem?.errors ?? []).filter((e) => i >= 0 && e.path.startsWith(`coordinators[${i}]`)).map((e) => e.message);
    return list.length ? list : undefined;
  };

  const open = (e: FormEvent) => {
    e.preventDefault();
    const coordinators: CoordinatorAddress[] = without.filter((r) => (addresses[r.iso3] ?? '').trim()).map((r) => ({ stateIso3: r.iso3, email: addresses[r.iso3]!.trim() }));
    void run(() => api.cycles.open(cycle.id, coordinators), onOpened);
  };
  return (
    <form className="form lifecycle__panel" onSubmit={open} noValidate aria-busy={busy} aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{t('cycleLife.openHeading')}</h3>
      <p>{t('cycleLife.openLead', { deadline: formatDate(cycle.deadline) })}</p>
      <Refusal problem={problem} />
      {withCoordinator.length ? (
        <>
          <h4>{t('cycleLife.willBeMailed')}</h4>
          <ul className="plain-list" aria-label={t('cycleLife.willBeMailed')}>
            {withCoordinator.map((r) => (
              <li key={r.iso3}>
                <strong>{r.stateName}</strong>: {r.coordinators.map((c) => `${c.name} (${c.email})`).join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {without.length ? (
        <fieldset className="fieldset">
          <legend>{t('cycleLife.noCoordinatorLegend')}</legend>
          <p className="muted">{t('cycleLife.noCoordinatorHint')}</p>
          {without.map((r) => (
            <Field key={r.iso3} id={`${ids}-${r.iso3}`} label={t('cycleLife.addressFor', { state: r.stateName })} errors={errorFor(r.iso3)}>
              {(a11y) => (
                <input
                  {...a11y}
                  type="email"
                  autoComplete="off"
                  spellCheck={false}
                  value={addresses[r.iso3] ?? ''}
                  onChange={(e) => setAddresses((a) => ({ ...a, [r.iso3]: e.target.value }))}
                />
              )}
            </Field>
          ))}
        </fieldset>
      ) : null}
      <p className={unheard.length ? 'notice notice--warning' : 'muted'} aria-live="polite">
        {unheard.length ? t('cycleLife.willNotHear', { count: unheard.length, states: names(unheard) }) : t('cycleLife.allWillHear')}
      </p>
      <PanelButtons busy={busy} action={t('cycleLife.openAction')} busyLabel={t('cycleLife.opening')} onCancel={onCancel} />
    </form>
  );
}

function ExtendDeadline({ cycle, onCancel, onExtended }: { cycle: CycleSummary; onCancel(): void; onExtended(result: CycleNotice): void }) {
  const { t } = useTranslation();
  const ids = useId();
  const [deadline, setDeadline] = useState('');
  const { busy, problem, run } = useRequest();
  const fieldErrors = (problem?.errors ?? []).filter((e) => e.path === 'deadline').map((e) => e.message);
  const extend = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api.cycles.edit(cycle.id, { deadline }), onExtended);
  };
  return (
    <form className="form lifecycle__panel" onSubmit={extend} noValidate aria-busy={busy} aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{t('cycleLife.extendHeading')}</h3>
      <Refusal problem={problem && fieldErrors.length === 0 ? problem : null} />
      <Field
        id={`${ids}-deadline`}
        label={t('cycleLife.newDeadline')}
        required
        hint={t('cycleLife.newDeadlineHint', { deadline: formatDate(cycle.deadline) })}
        errors={fieldErrors.length ? fieldErrors : undefined}
      >
        {(a11y) => <input {...a11y} type="date" className="input--date" min={cycle.deadline} value={deadline} onChange={(e) => setDeadline(e.target.value)} />}
      </Field>
      <PanelButtons busy={busy} action={t('cycleLife.extendAction')} busyLabel={t('cycleLife.extending')} onCancel={onCancel} />
    </form>
  );
}

function ConfirmStatus(props: { cycle: CycleSummary; status: 'closed' | 'archived'; question: string; action: string; onCancel(): void; onDone(): void }) {
  const { busy, problem, run } = useRequest();
  return (
    <div className="lifecycle__panel" role="group" aria-label={props.action}>
      <p>{props.question}</p>
      <Refusal problem={problem} />
      <PanelButtons
        busy={busy}
        action={props.action}
        busyLabel={props.action}
        onCancel={props.onCancel}
        submit={false}
        onAct={() => void run(() => api.cycles.setStatus(props.cycle.id, props.status), props.onDone)}
      />
    </div>
  );
}

function OpenedMessage({ result }: { result: OpenedCycle }) {
  const { t } = useTranslation();
  return (
    <>
      {t('cycleLife.opened')}
      {result.notified.length ? <> {t('cycleLife.mailed', { states: names(result.notified) })}</> : null}
      {result.invited.length ? <> {t('cycleLife.invited', { people: result.invited.map((r) => `${r.email} (${r.stateName})`).join(', ') })}</> : null}
      {result.unreachable.length ? <> {t('cycleLife.unreachable', { count: result.unreachable.length, states: names(result.unreachable) })}</> : null}
    </>
  );
}

function ExtendedMessage({ result }: { result: CycleNotice }) {
  const { t } = useTranslation();
  return (
    <>
      {t('cycleLife.extended', { deadline: formatDate(result.cycle.deadline) })}
      {result.notified.length ? <> {t('cycleLife.toldOfExtension', { states: names(result.notified) })}</> : null}
      {result.unreachable.length ? <> {t('cycleLife.unreachable', { count: result.unreachable.length, states: names(result.unreachable) })}</> : null}
    </>
  );
}
