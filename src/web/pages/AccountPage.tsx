// The signed-in user's account: change the password (which signs out every other browser), see
// where they are signed in, and sign out everywhere.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { SessionInfo } from '../../services/types.ts';
import { api, ApiError } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { errorsByField } from '../lib/fieldErrors.ts';
import { formatDateTime, plural } from '../lib/format.ts';
import { PageHeading } from '../components/Page.tsx';
import { Field } from '../components/Field.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { LiveMessage, LoadError, Loading } from '../components/Status.tsx';

const minPasswordLength = 10;

export function AccountPage() {
  const { user } = useSession();
  const sessions = useLoad(() => api.session.list(), []);
  if (!user) return null;
  return (
    <div className="form--wide">
      <PageHeading title="Your account">
        <p className="lead">
          Signed in as {user.name} ({user.email}).
        </p>
      </PageHeading>
      <PasswordForm onChanged={sessions.reload} />
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <p>
          A session ends 8 hours after signing in, or sooner when left unused. If you see one you do not recognise, change your password.
        </p>
        {sessions.status === 'error' ? (
          <LoadError error={sessions.error} what="your sessions" />
        ) : sessions.data ? (
          <SessionTable sessions={sessions.data} />
        ) : (
          <Loading what="your sessions" />
        )}
        <SignOutEverywhere />
      </section>
    </div>
  );
}

type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';
const labels: Record<PasswordField, string> = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'New password again',
};

function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const [values, setValues] = useState<Record<PasswordField, string>>({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ detail: string; fields: Partial<Record<PasswordField | '', string[]>> } | null>(null);
  const [done, setDone] = useState('');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const fields: Partial<Record<PasswordField, string[]>> = {};
    if (!values.currentPassword) fields.currentPassword = ['Enter your current password.'];
    if (values.newPassword.length < minPasswordLength) fields.newPassword = [`Choose a new password of at least ${minPasswordLength} characters.`];
    else if (values.confirmPassword !== values.newPassword) fields.confirmPassword = ['Enter the same new password again.'];
    if (Object.keys(fields).length) {
      setProblem({ detail: 'The password was not changed.', fields });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const { endedSessions } = await api.account.changePassword(values.currentPassword, values.newPassword);
      setValues({ currentPassword: '', newPassword: '', confirmPassword: '' });
      setDone(
        `Your password has been changed. ${endedSessions ? `${plural(endedSessions, 'other session')} ended.` : 'You were signed in nowhere else.'} This browser stays signed in.`,
      );
      onChanged();
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, 'Error', 'The password could not be changed. Please try again.');
      setProblem({ detail: error.summary, fields: errorsByField(error.errors, ['currentPassword', 'newPassword']) });
    } finally {
      setBusy(false);
    }
  };

  const items = problem
    ? Object.entries(problem.fields).flatMap(([field, messages]) =>
        (messages ?? []).map((message) => (field ? { fieldId: field, message: `${labels[field as PasswordField]}: ${message}` } : { message })),
      )
    : [];
  const field = (name: PasswordField, autoComplete: string, hint?: string) => (
    <Field id={name} label={labels[name]} required hint={hint} errors={problem?.fields[name]}>
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
      <h2 id="password-heading">Change your password</h2>
      <p>Every other browser where you are signed in is signed out; this one stays signed in.</p>
      {problem ? <ErrorSummary title="Your password was not changed" detail={problem.detail} items={items} /> : null}
      <LiveMessage>{done || null}</LiveMessage>
      <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        {field('currentPassword', 'current-password')}
        {field('newPassword', 'new-password', `At least ${minPasswordLength} characters.`)}
        {field('confirmPassword', 'new-password')}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}

function SessionTable({ sessions }: { sessions: SessionInfo[] }) {
  if (sessions.length === 0) return <p className="empty">No open session.</p>;
  return (
    <div className="table-wrap">
      <table className="table table--cards">
        <caption className="visually-hidden">Your open sessions, most recently used first</caption>
        <thead>
          <tr>
            <th scope="col">Browser</th>
            <th scope="col">Address</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last used</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <th scope="row" data-label="Browser">
                {browserLabel(s.userAgent)}
                {s.current ? <span className="muted"> (this browser)</span> : null}
              </th>
              <td data-label="Address">{s.ip ?? <span className="muted">unknown</span>}</td>
              <td data-label="Signed in">{formatDateTime(s.createdAt)}</td>
              <td data-label="Last used">{formatDateTime(s.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SignOutEverywhere() {
  const { signOutEverywhere } = useSession();
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
      setError(err instanceof ApiError ? err.detail : 'Signing out everywhere failed. Please try again.');
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
        {busy ? 'Signing out…' : 'Sign out everywhere'}
      </button>
      <span id="sign-out-everywhere-hint" className="muted">
        Ends every session, this one included.
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
  if (!userAgent) return 'Unknown browser';
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser) return userAgent.slice(0, 60);
  return system ? `${browser} on ${system}` : browser;
}
