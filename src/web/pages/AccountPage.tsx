// The signed-in user's account: change the password (which signs out every other browser), see
// where they are signed in, and sign out everywhere.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../services/types.ts';
import { api, ApiError } from '../api.ts';
import { i18n } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { errorsByField } from '../lib/fieldErrors.ts';
import { formatDateTime } from '../lib/format.ts';
import { PageHeading } from '../components/Page.tsx';
import { Field } from '../components/Field.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { LiveMessage, LoadError, Loading } from '../components/Status.tsx';

const minPasswordLength = 10;

export function AccountPage() {
  const { user } = useSession();
  const { t } = useTranslation();
  const sessions = useLoad(() => api.session.list(), []);
  if (!user) return null;
  return (
    <div className="form--wide">
      <PageHeading title={t('account.title')}>
        <p className="lead">{t('account.signedInAs', { name: user.name, email: user.email })}</p>
      </PageHeading>
      <PasswordForm onChanged={sessions.reload} />
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('account.sessionsHeading')}</h2>
        <p>{t('account.sessionsText')}</p>
        {sessions.status === 'error' ? (
          <LoadError error={sessions.error} what={t('account.sessions')} />
        ) : sessions.data ? (
          <SessionTable sessions={sessions.data} />
        ) : (
          <Loading what={t('account.sessions')} />
        )}
        <SignOutEverywhere />
      </section>
    </div>
  );
}

type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';
const labelKeys = {
  currentPassword: 'account.currentPassword',
  newPassword: 'account.newPassword',
  confirmPassword: 'account.confirmPassword',
} as const satisfies Record<PasswordField, string>;

function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<PasswordField, string>>({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ detail: string; fields: Partial<Record<PasswordField | '', string[]>> } | null>(null);
  const [done, setDone] = useState('');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const fields: Partial<Record<PasswordField, string[]>> = {};
    if (!values.currentPassword) fields.currentPassword = [t('account.enterCurrent')];
    if (values.newPassword.length < minPasswordLength) fields.newPassword = [t('account.chooseNew', { count: minPasswordLength })];
    else if (values.confirmPassword !== values.newPassword) fields.confirmPassword = [t('account.enterSame')];
    if (Object.keys(fields).length) {
      setProblem({ detail: t('account.notChangedDetail'), fields });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { endedSessions } = await api.account.changePassword(values.currentPassword, values.newPassword);
      setValues({ currentPassword: '', newPassword: '', confirmPassword: '' });
      setDone(
        [t('account.changed'), endedSessions ? t('account.ended', { count: endedSessions }) : t('account.nowhereElse'), t('account.staysSignedIn')].join(' '),
      );
      onChanged();
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, 'Error', t('account.changeFailed'));
      setProblem({ detail: error.summary, fields: errorsByField(error.errors, ['currentPassword', 'newPassword']) });
    } finally {
      setBusy(false);
    }
  };

  const items = problem
    ? Object.entries(problem.fields).flatMap(([field, messages]) =>
        (messages ?? []).map((message) => (field ? { fieldId: field, message: t('fieldErrors.labelled', { label: t(labelKeys[field as PasswordField]), message }) } : { message })),
      )
    : [];
  const field = (name: PasswordField, autoComplete: string, hint?: string) => (
    <Field id={name} label={t(labelKeys[name])} required hint={hint} errors={problem?.fields[name]}>
      {(a11y) => (
        <input
          {...a11y}
          type="password"
          name={name}
          autoComplete={autoComplete}
          value={values[name]}
          onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        />
      )}
    </Field>
  );

  return (
    <section className="card form__section" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('account.changeHeading')}</h2>
      <p>{t('account.changeText')}</p>
      {problem ? <ErrorSummary title={t('account.notChanged')} detail={problem.detail} items={items} /> : null}
      <LiveMessage>{done || null}</LiveMessage>
      <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        {field('currentPassword', 'current-password')}
        {field('newPassword', 'new-password', t('account.atLeast', { count: minPasswordLength }))}
        {field('confirmPassword', 'new-password')}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('account.changing') : t('account.change')}
          </button>
        </div>
      </form>
    </section>
  );
}

function SessionTable({ sessions }: { sessions: SessionInfo[] }) {
  const { t } = useTranslation();
  if (sessions.length === 0) return <p className="empty">{t('account.noSession')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table--cards">
        <caption className="visually-hidden">{t('account.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('account.colBrowser')}</th>
            <th scope="col">{t('account.colAddress')}</th>
            <th scope="col">{t('account.colSignedIn')}</th>
            <th scope="col">{t('account.colLastUsed')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <th scope="row" data-label={t('account.colBrowser')}>
                {browserLabel(s.userAgent)}
                {s.current ? <span className="muted">{t('account.thisBrowser')}</span> : null}
              </th>
              <td data-label={t('account.colAddress')}>{s.ip ?? <span className="muted">{t('account.unknown')}</span>}</td>
              <td data-label={t('account.colSignedIn')}>{formatDateTime(s.createdAt)}</td>
              <td data-label={t('account.colLastUsed')}>{formatDateTime(s.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SignOutEverywhere() {
  const { signOutEverywhere } = useSession();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const onClick = async () => {
    setBusy(true);
    setError('');
    try {
      await signOutEverywhere();
      navigate('/signin');
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : t('account.everywhereFailed'));
      setBusy(false);
    }
  };
  return (
    <div className="form__actions">
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button button--secondary" onClick={onClick} disabled={busy} aria-describedby="sign-out-everywhere-hint">
        {busy ? t('account.signingOut') : t('account.signOutEverywhere')}
      </button>
      <span id="sign-out-everywhere-hint" className="muted">
        {t('account.everywhereHint')}
      </span>
    </div>
  );
}

const browsers: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const systems: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox on Windows" from a User-Agent header; the header itself when it names no browser known here. */
function browserLabel(userAgent: string | null): string {
  if (!userAgent) return i18n.t('account.unknownBrowser');
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser) return userAgent.slice(0, 60);
  return system ? i18n.t('account.browserOn', { browser, system }) : browser;
}
