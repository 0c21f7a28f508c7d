// Under a submission's version history: pick two versions and see what changed between them, per
// question, removed words struck through (<del>) and added words underlined (<ins>), each change
// also said in words for screen readers (not by colour alone); and restore the older one as a new
// version (after a confirmation), for those who may save. Read from GET …/diff; restored by
// POST …/versions/{n}/restore.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParagraphChange, ResponseDiff, TextPart } from '../../domain/response-diff.ts';
import type { SavedVersion, SubmissionVersion } from '../../services/types.ts';
import { api, ApiError } from '../api.ts';
import { formatNumber } from '../lib/format.ts';

interface Props {
  cycleId: string;
  iso3: string;
  /** Newest first, as GET …/versions gives them. */
  versions: SubmissionVersion[];
  /** The version the page shows (restoring starts from it). */
  currentVersion: number;
  /** Whether this user may save now (then they may restore). */
  canRestore: boolean;
  onRestored: (saved: SavedVersion) => void;
}

type Shown = { status: 'idle' } | { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; from: number; to: number; diff: ResponseDiff };

export function VersionCompare({ cycleId, iso3, versions, currentVersion, canRestore, onRestored }: Props) {
  const { t } = useTranslation();
  // Until chosen, the two newest versions (the list grows as the page saves).
  const [chosenFrom, setFrom] = useState<number | null>(null);
  const [chosenTo, setTo] = useState<number | null>(null);
  const to = chosenTo ?? versions[0]?.version ?? 0;
  const from = chosenFrom ?? versions[1]?.version ?? to;
  const [shown, setShown] = useState<Shown>({ status: 'idle' });
  if (versions.length < 2) return null;

  const compare = (event: FormEvent) => {
    event.preventDefault();
    setShown({ status: 'loading' });
    api.submissions.diff(cycleId, iso3, from, to).then(
      (found) => setShown({ status: 'ready', ...found }),
      (error: unknown) => setShown({ status: 'error', message: error instanceof ApiError ? error.detail : String(error) }),
    );
  };
  const picker = (id: string, label: string, value: number, set: (n: number) => void) => (
    <div className="field field--inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {t('versionDiff.option', { version: formatNumber(v.version), name: v.savedBy })}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section className="sub-section version-compare" aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('versionDiff.heading')}</h2>
      <form className="version-compare__form no-print" onSubmit={compare}>
        {picker('compare-from', t('versionDiff.from'), from, setFrom)}
        {picker('compare-to', t('versionDiff.to'), to, setTo)}
        <button type="submit" className="button button--secondary">
          {t('versionDiff.show')}
        </button>
      </form>
      <div aria-live="polite">
        {shown.status === 'loading' ? <p className="muted">{t('versionDiff.loading')}</p> : null}
        {shown.status === 'error' ? (
          <p className="notice notice--error" role="alert">
            {shown.message}
          </p>
        ) : null}
        {shown.status === 'ready' ? <DiffView from={shown.from} to={shown.to} diff={shown.diff} /> : null}
      </div>
      {canRestore && shown.status === 'ready' ? (
        <Restore cycleId={cycleId} iso3={iso3} versions={[...new Set([shown.from, shown.to])].filter((v) => v !== currentVersion)} currentVersion={currentVersion} onRestored={onRestored} />
      ) : null}
    </section>
  );
}

/** "Restore version n": asks first, then saves version n's content as a new version. */
function Restore({ cycleId, iso3, versions, currentVersion, onRestored }: { cycleId: string; iso3: string; versions: number[]; currentVersion: number; onRestored: (saved: SavedVersion) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (versions.length === 0) return null;
  const restore = (version: number) => {
    setBusy(true);
    setError('');
    api.submissions.restore(cycleId, iso3, version, currentVersion).then(
      (saved) => {
        setBusy(false);
        setAsking(null);
        onRestored(saved);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof ApiError ? e.detail : String(e));
      },
    );
  };
  return (
    <div className="version-compare__restore no-print">
      {asking === null ? (
        versions.map((v) => (
          <button key={v} type="button" className="button button--secondary" onClick={() => setAsking(v)}>
            {t('versionDiff.restore', { version: formatNumber(v) })}
          </button>
        ))
      ) : (
        <div role="alertdialog" aria-labelledby="restore-question" className="notice notice--warning">
          <p id="restore-question">{t('versionDiff.confirm', { version: formatNumber(asking), next: formatNumber(currentVersion + 1) })}</p>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => restore(asking)}>
            {t('versionDiff.confirmYes', { version: formatNumber(asking) })}
          </button>{' '}
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => setAsking(null)}>
            {t('versionDiff.cancel')}
          </button>
        </div>
      )}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The differences, per question, then principles, consent, contact fields and footnotes. */
export function DiffView({ from, to, diff }: { from: number; to: number; diff: ResponseDiff }) {
  const { t } = useTranslation();
  return (
    <div className="version-diff">
      <h3>{t('versionDiff.between', { from: formatNumber(from), to: formatNumber(to) })}</h3>
      <p className="muted small">{t('versionDiff.legend')}</p>
      {diff.same ? <p>{t('versionDiff.same')}</p> : null}
      {diff.answers.map((q) => (
        <section key={q.question} className="version-diff__question" aria-label={t('versionDiff.question', { question: q.question })}>
          <h4>{t('versionDiff.question', { question: q.question })}</h4>
          <ul className="version-diff__list">
            {q.paragraphs.map((p, i) => (
              <li key={p.id ?? i} className={`version-diff__item version-diff__item--${p.kind}`}>
                <span className="version-diff__what">{paragraphLabel(t, p)}</span> <Marked change={p} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {diff.principles.length > 0 ? (
        <section className="version-diff__question">
          <h4>{t('versionDiff.principles')}</h4>
          <ul className="version-diff__list">
            {diff.principles.map((p) => (
              <li key={p.principle} className="version-diff__item">
                <span className="version-diff__what">{t('versionDiff.principle', { principle: p.principle })}</span>{' '}
                {p.integrated ? t('versionDiff.fromTo', { from: p.integrated.from, to: p.integrated.to }) : null}
                {p.explanation ? <Parts parts={p.explanation} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {diff.consent || diff.contact.length > 0 ? (
        <section className="version-diff__question">
          <h4>{t('versionDiff.contact')}</h4>
          <ul className="version-diff__list">
            {diff.consent ? (
              <li className="version-diff__item">
                <span className="version-diff__what">{t('versionDiff.consent')}</span> {t('versionDiff.fromTo', { from: diff.consent.from, to: diff.consent.to })}
              </li>
            ) : null}
            {diff.contact.map((c) => (
              <li key={c.field} className="version-diff__item">
                <span className="version-diff__what">{c.field}</span> <Parts parts={c.parts} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {diff.footnotes.length > 0 ? (
        <section className="version-diff__question">
          <h4>{t('versionDiff.footnotes')}</h4>
          <ul className="version-diff__list">
            {diff.footnotes.map((f, i) => (
              <li key={f.id ?? i} className={`version-diff__item version-diff__item--${f.kind}`}>
                <span className="version-diff__what">{t(`versionDiff.footnote.${f.kind}`, { number: formatNumber(f.number) })}</span> <Marked change={f} />
                {f.kind === 'changed' && f.urls ? <span className="muted"> {t('versionDiff.links', { from: f.urls.from.join(' ') || '–', to: f.urls.to.join(' ') || '–' })}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function paragraphLabel(t: ReturnType<typeof useTranslation>['t'], p: ParagraphChange): string {
  const number = p.number === null ? '' : formatNumber(p.number);
  const key = number ? `versionDiff.paragraph.${p.kind}` : `versionDiff.unnumbered.${p.kind}`;
  // A key made at run time, read as a plain string: the catalogue's types are too deep for the compiler here.
  return (t as unknown as (key: string, options: { number: string }) => string)(key, { number });
}

function Marked({ change }: { change: { kind: 'added' | 'removed'; text: string } | { kind: 'changed'; parts: TextPart[] } }) {
  if (change.kind === 'changed') return <Parts parts={change.parts} />;
  return <Parts parts={[{ kind: change.kind, text: change.text }]} />;
}

/** Text with its removed runs struck (<del>) and added runs underlined (<ins>), each said in words as well. */
export function Parts({ parts }: { parts: readonly TextPart[] }) {
  const { t } = useTranslation();
  return (
    <span className="version-diff__text">
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'removed' ? (
          <del key={i}>
            <span className="visually-hidden">{t('versionDiff.removedStart')}</span>
            {p.text}
            <span className="visually-hidden">{t('versionDiff.removedEnd')}</span>
          </del>
        ) : (
          <ins key={i}>
            <span className="visually-hidden">{t('versionDiff.addedStart')}</span>
            {p.text}
            <span className="visually-hidden">{t('versionDiff.addedEnd')}</span>
          </ins>
        ),
      )}
    </span>
  );
}
