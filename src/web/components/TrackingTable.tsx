// The secretariat's tracking table on a cycle's page: one row per invited State with its
// coordinators, status, last activity, completeness, consent and days to the deadline; sorted by
// clicking a column heading, filtered by status, searched by State name; counts by status;
// downloads as CSV and XLSX; and "remind now" for those who have not handed in.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionStatus } from '../../domain/workflow.ts';
import { api, type ApiError, type RemindResult, type TrackingRow } from '../api.ts';
import { useLoad } from '../lib/useLoad.ts';
import { formatDateTime, formatNumber, submissionStatusLabel } from '../lib/format.ts';
import { StateRowActions } from './StateRowActions.tsx';
import { RepliesChart } from './cycles/RepliesChart.tsx';
import { Badge, LiveMessage, LoadError, Loading } from './Status.tsx';

type SortKey = 'state' | 'status' | 'lastActivity' | 'questions' | 'principles' | 'words' | 'days';

const sortValue: Record<SortKey, (r: TrackingRow) => string | number> = {
  state: (r) => r.stateName,
  status: (r) => r.status,
  lastActivity: (r) => r.lastActivity?.at ?? '',
  questions: (r) => r.completeness.questionsAnswered,
  principles: (r) => r.completeness.principlesAnswered,
  words: (r) => r.completeness.words,
  days: (r) => r.daysToDeadline ?? Number.POSITIVE_INFINITY,
};

export function TrackingTable({ cycleId, canRemind, mayImport, templateId }: { cycleId: string; canRemind: boolean; mayImport: boolean; templateId: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const [reload, setReload] = useState(0);
  const data = useLoad(() => api.cycles.tracking(cycleId), [cycleId, reload]);
  const [sort, setSort] = useState<{ key: SortKey; dir: 'ascending' | 'descending' }>({ key: 'state', dir: 'ascending' });
  const [status, setStatus] = useState<'' | SubmissionStatus>('');
  const [search, setSearch] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<RemindResult | ApiError | null>(null);

  const rows = useMemo(() => {
    if (data.status !== 'ready') return [];
    const q = search.trim().toLocaleLowerCase();
    const shown = data.data.rows.filter((r) => (status === '' || r.status === status) && (q === '' || r.stateName.toLocaleLowerCase().includes(q) || r.iso3.toLowerCase() === q));
    const value = sortValue[sort.key];
    const sign = sort.dir === 'ascending' ? 1 : -1;
    return [...shown].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c === 0 ? a.stateName.localeCompare(b.stateName) : sign * c;
    });
  }, [data, search, status, sort]);

  if (data.status !== 'ready') return data.status === 'error' ? <LoadError error={data.error} what={t('tracking.loadError')} /> : <Loading what={t('tracking.loading')} />;
  const { counts } = data.data;

  const heading = (key: SortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? sort.dir : 'none'}>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => setSort({ key, dir: active && sort.dir === 'ascending' ? 'descending' : 'ascending' })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  async function remind() {
    setSending(true);
    try {
      setResult(await api.cycles.remind(cycleId));
      setReload((n) => n + 1);
    } catch (err) {
      setResult(err as ApiError);
    } finally {
      setSending(false);
      setConfirming(false);
    }
  }

  return (
    <>
      <ul className="plain-list tracking__counts" aria-label={t('tracking.counts')}>
        {(Object.entries(counts) as [SubmissionStatus, number][]).map(([s, n]) => (
          <li key={s}>
            <Badge tone={s}>{submissionStatusLabel(s)}</Badge> {formatNumber(n)}
          </li>
        ))}
      </ul>
      <RepliesChart cycleId={cycleId} />
      <div className="tracking__controls">
        <label htmlFor={`${ids}-search`}>{t('tracking.search')}</label>{' '}
        <input id={`${ids}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />{' '}
        <label htmlFor={`${ids}-status`}>{t('tracking.filterStatus')}</label>{' '}
        <select id={`${ids}-status`} value={status} onChange={(e) => setStatus(e.target.value as '' | SubmissionStatus)}>
            <option value="">{t('tracking.allStatuses')}</option>
            {(Object.keys(counts) as SubmissionStatus[]).map((s) => (
              <option key={s} value={s}>
                {submissionStatusLabel(s)}
              </option>
            ))}
        </select>{' '}
        <a className="button button--secondary" href={api.cycles.trackingUrl(cycleId, 'csv')} download>
          {t('tracking.downloadCsv')}
        </a>{' '}
        <a className="button button--secondary" href={api.cycles.trackingUrl(cycleId, 'xlsx')} download>
          {t('tracking.downloadXlsx')}
        </a>{' '}
        {canRemind ? (
          <button type="button" className="button button--primary" onClick={() => setConfirming(true)} disabled={confirming || sending}>
            {t('tracking.remind')}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="card" role="group" aria-label={t('tracking.confirmTitle')}>
          <p>{t('tracking.confirm')}</p>
          <button type="button" className="button button--primary" onClick={() => void remind()} disabled={sending}>
            {t('tracking.confirmSend')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)} disabled={sending}>
            {t('tracking.cancel')}
          </button>
        </div>
      ) : null}
      <LiveMessage kind={result && 'reminded' in result ? 'success' : 'error'}>
        {result === null ? null : 'reminded' in result ? (
          <>
            {t('tracking.reminded', { states: result.reminded.map((r) => r.stateName).join(', ') || '–' })}
            {result.noCoordinator.length ? <> {t('tracking.noCoordinator', { states: result.noCoordinator.map((r) => r.stateName).join(', ') })}</> : null}
          </>
        ) : (
          result.message
        )}
      </LiveMessage>
      <div className="table-wrap">
        <table className="table table--cards">
          <caption className="visually-hidden">{t('cycle.captionAll')}</caption>
          <thead>
            <tr>
              {heading('state', t('cycle.colState'))}
              <th scope="col">{t('tracking.colCoordinators')}</th>
              {heading('status', t('cycle.colStatus'))}
              {heading('lastActivity', t('tracking.colLastActivity'))}
              {heading('questions', t('tracking.colQuestions'), true)}
              {heading('principles', t('tracking.colPrinciples'), true)}
              {heading('words', t('tracking.colWords'), true)}
              <th scope="col">{t('tracking.colConsent')}</th>
              {heading('days', t('tracking.colDays'), true)}
              <th scope="col">{t('cycle.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.iso3}>
                <th scope="row" data-label={t('cycle.colState')}>
                  {r.stateName} <span className="muted">({r.iso3})</span>
                </th>
                <td data-label={t('tracking.colCoordinators')}>
                  {r.coordinators.length ? (
                    r.coordinators.map((c) => (
                      <div key={c.email}>
                        {c.name} <a href={`mailto:${c.email}`}>{c.email}</a>
                      </div>
                    ))
                  ) : (
                    <span className="muted">{t('tracking.noneCoordinator')}</span>
                  )}
                </td>
                <td data-label={t('cycle.colStatus')}>
                  <Badge tone={r.status}>{submissionStatusLabel(r.status)}</Badge>
                </td>
                <td data-label={t('tracking.colLastActivity')}>
                  {r.lastActivity ? (
                    <div>
                      {formatDateTime(r.lastActivity.at)}
                      <span className="muted">{t('cycle.by', { name: r.lastActivity.by })}</span>
                    </div>
                  ) : (
                    <span className="muted">{t('cycle.nothingYet')}</span>
                  )}
                </td>
                <td data-label={t('tracking.colQuestions')} className="num">
                  {formatNumber(r.completeness.questionsAnswered)} / {formatNumber(r.completeness.questionsTotal)}
                </td>
                <td data-label={t('tracking.colPrinciples')} className="num">
                  {formatNumber(r.completeness.principlesAnswered)} / {formatNumber(r.completeness.principlesTotal)}
                </td>
                <td data-label={t('tracking.colWords')} className="num">
                  {formatNumber(r.completeness.words)} / {formatNumber(r.completeness.wordGuidance)}
                </td>
                <td data-label={t('tracking.colConsent')}>{t(`tracking.consent.${r.consent}`)}</td>
                <td data-label={t('tracking.colDays')} className="num">
                  {r.daysToDeadline === null ? <span className="muted">–</span> : formatNumber(r.daysToDeadline)}
                </td>
                <td data-label={t('cycle.colActions')}>
                  <StateRowActions cycleId={cycleId} templateId={templateId} iso3={r.iso3} stateName={r.stateName} mayImport={mayImport} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p className="empty">{t('tracking.noMatch')}</p> : null}
    </>
  );
}
