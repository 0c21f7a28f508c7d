// Sign in with e-mail and password; on success go back to where the person was going.
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useSession } from '../session.tsx';
import { Field } from '../components/Field.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { PageHeading } from '../components/Page.tsx';

/** Only paths inside the app, so a crafted link cannot send someone elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ detail: string; email?: string; password?: string } | null>(null);
  const next = safeNext(params.get('next'));
  // On a demonstration server the accounts are public (README, start-up message): offer them here.
  // The server sends them; they are not part of the app, so no other server's pages carry them.
  const demoAccounts = useLoad(async () => ((await api.health()).demo ? api.demoAccounts() : []), []);

  if (user) return <Navigate to={next} replace />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = { email: email.trim() ? undefined : 'Enter your e-mail address.', password: password ? undefined : 'Enter your password.' };
    if (missing.email || missing.password) {
      setError({ detail: 'Enter your e-mail address and password to sign in.', ...missing });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      const detail = err instanceof ApiError ? err.detail : 'Signing in failed. Please try again.';
      setError({ detail });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeading title="Sign in">
        <p className="lead">Sign in to open review cycles, follow submissions and import filled questionnaires.</p>
      </PageHeading>
      {error ? (
        <ErrorSummary
          title="Could not sign you in"
          detail={error.detail}
          items={[
            ...(error.email ? [{ fieldId: 'email', message: error.email }] : []),
            ...(error.password ? [{ fieldId: 'password', message: error.password }] : []),
          ]}
        />
      ) : null}
      <form className="card form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <Field id="email" label="E-mail address" required errors={error?.email ? [error.email] : undefined}>
          {(a11y) => (
            <input {...a11y} type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field id="password" label="Password" required errors={error?.password ? [error.password] : undefined}>
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
      {demoAccounts.data?.length ? (
        <section className="card demo-accounts" aria-labelledby="demo-accounts-heading">
          <h2 id="demo-accounts-heading">Demonstration accounts</h2>
          <p>
            This server was started with demonstration data. Its accounts and passwords are public: never use them on a server others can
            reach.
          </p>
          <ul>
            {demoAccounts.data.map((a) => (
              <li key={a.email}>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setEmail(a.email);
                    setPassword(a.password);
                  }}
                >
                  Use {a.email}
                </button>{' '}
                <span className="muted">{a.purpose}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
