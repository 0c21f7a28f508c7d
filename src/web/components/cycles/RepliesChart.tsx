// Replies over time on the tracking dashboard: how many invited States had submitted by each day
// (a step line from the cycle's first day), against the deadline (a dashed line), as inline SVG
// with a title and a description for screen readers, and the same figures as a table beside it.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { daysToDeadline } from '../../../domain/tracking.ts';
import { api, type RepliesOverTime } from '../../api.ts';
import { formatDate, formatNumber, todayIso } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { LoadError, Loading } from '../Status.tsx';

const width = 640;
const height = 220;
const pad = { left: 44, right: 16, top: 16, bottom: 40 };

/** Where a day (x) and a number of States (y) are drawn. */
function scales(r: RepliesOverTime) {
  const span = Math.max(1, daysToDeadline(r.to, r.from));
  const top = Math.max(1, r.invited);
  return {
    x: (date: string) => pad.left + (daysToDeadline(date, r.from) / span) * (width - pad.left - pad.right),
    y: (n: number) => height - pad.bottom - (n / top) * (height - pad.top - pad.bottom),
  };
}

/** The step line's points: flat at 0 from the first day, up on each day with replies, on to `end`. */
function chartPoints(r: RepliesOverTime, end: string): { x: number; y: number }[] {
  const { x, y } = scales(r);
  const points = [{ x: x(r.from), y: y(0) }];
  let total = 0;
  for (const d of r.days) {
    points.push({ x: x(d.date), y: y(total) }, { x: x(d.date), y: y(d.total) });
    total = d.total;
  }
  points.push({ x: x(end < r.from ? r.from : end > r.to ? r.to : end), y: y(total) });
  return points;
}

export function RepliesChart({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const data = useLoad(() => api.cycles.replies(cycleId), [cycleId]);
  if (!data.data) return data.status === 'error' ? <LoadError error={data.error} what={t('replies.loading')} /> : <Loading what={t('replies.loading')} />;
  const r = data.data;
  const today = todayIso();
  const last = r.days.at(-1);
  const total = last?.total ?? 0;
  // The line runs to today while the cycle runs, else to its last day.
  const end = today < r.to ? (today > (last?.date ?? r.from) ? today : (last?.date ?? r.from)) : r.to;
  const points = chartPoints(r, end);
  const xOf = scales(r).x;
  const baseline = height - pad.bottom;
  const description = t('replies.desc', {
    count: r.invited,
    total: formatNumber(total),
    date: formatDate(end),
    deadline: formatDate(r.deadline),
    atDeadline: formatNumber(r.days.filter((d) => d.date <= r.deadline).at(-1)?.total ?? 0),
  });
  return (
    <section className="replies" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{t('replies.heading')}</h3>
      <svg
        role="img"
        aria-labelledby={`${ids}-title ${ids}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${width}px`, display: 'block' }}
        focusable="false"
      >
        <title id={`${ids}-title`}>{t('replies.title')}</title>
        <desc id={`${ids}-desc`}>{description}</desc>
        <g aria-hidden="true" style={{ fontSize: '12px', fill: 'var(--muted)' }}>
          <line x1={pad.left} x2={width - pad.right} y1={baseline} y2={baseline} style={{ stroke: 'var(--border-strong)' }} />
          <line x1={pad.left} x2={width - pad.right} y1={pad.top} y2={pad.top} style={{ stroke: 'var(--border)', strokeDasharray: '2 4' }} />
          <text x={pad.left - 6} y={baseline + 4} textAnchor="end">
            0
          </text>
          <text x={pad.left - 6} y={pad.top + 4} textAnchor="end">
            {formatNumber(r.invited)}
          </text>
          <text x={pad.left} y={height - 12} textAnchor="start">
            {formatDate(r.from)}
          </text>
          <text x={width - pad.right} y={height - 12} textAnchor="end">
            {formatDate(r.to)}
          </text>
          <line x1={xOf(r.deadline)} x2={xOf(r.deadline)} y1={pad.top} y2={baseline} style={{ stroke: 'var(--danger)', strokeWidth: 2, strokeDasharray: '6 4' }} />
          <text x={xOf(r.deadline)} y={pad.top - 4 < 10 ? 12 : pad.top - 4} textAnchor={xOf(r.deadline) > width / 2 ? 'end' : 'start'} style={{ fill: 'var(--danger)' }} dx={xOf(r.deadline) > width / 2 ? -4 : 4} dy={12}>
            {t('replies.deadline', { date: formatDate(r.deadline) })}
          </text>
          <polyline points={points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')} style={{ fill: 'none', stroke: 'var(--navy)', strokeWidth: 2.5 }} />
        </g>
      </svg>
      <details>
        <summary>{t('replies.asTable')}</summary>
        <table className="table">
          <caption>{t('replies.caption', { deadline: formatDate(r.deadline) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('replies.colDate')}</th>
              <th scope="col" className="num">
                {t('replies.colNew')}
              </th>
              <th scope="col" className="num">
                {t('replies.colTotal', { invited: formatNumber(r.invited) })}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.days.length === 0 ? (
              <tr>
                <td colSpan={3}>{t('replies.none')}</td>
              </tr>
            ) : (
              r.days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">
                    {formatDate(d.date)}
                    {d.date > r.deadline ? <span className="muted"> {t('replies.late')}</span> : null}
                  </th>
                  <td className="num">{formatNumber(d.replies)}</td>
                  <td className="num">{formatNumber(d.total)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </details>
    </section>
  );
}
