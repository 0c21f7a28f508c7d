// Sign in with e-mail and password; on success go back to where the person was going.
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
    const missing = { email: email.trim() ? undefined : t('signIn.enterEmail'), password: password ? undefined : t('signIn.enterPassword') };
    if (missing.email || missing.password) {
      setError({ detail: t('signIn.enterBoth'), ...missing });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      const detail = err instanceof ApiError ? err.detail : t('signIn.failed');
      setError({ detail });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeading title={t('signIn.title')}>
        <p className="lead">{t('signIn.lead')}</p>
      </PageHeading>
      {error ? (
        <ErrorSummary
          title={t('signIn.errorTitle')}
          detail={error.detail}
          items={[
            ...(error.email ? [{ fieldId: 'email', message: error.email }] : []),
            ...(error.password ? [{ fieldId: 'password', message: error.password }] : []),
          ]}
        />
      ) : null}
      <form className="card form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <Field id="email" label={t('signIn.email')} required errors={error?.email ? [error.email] : undefined}>
          {(a11y) => (
            <input {...a11y} type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field id="password" label={t('signIn.password')} required errors={error?.password ? [error.password] : undefined}>
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
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </div>
      </form>
      <p>
        <Link to="/reset-password">{t('accountLinks.forgotten')}</Link>
      </p>
      {demoAccounts.data?.length ? (
        <section className="card demo-accounts" aria-labelledby="demo-accounts-heading">
          <h2 id="demo-accounts-heading">{t('signIn.demoHeading')}</h2>
          <p>{t('signIn.demoText')}</p>
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
                  {t('signIn.useAccount', { email: a.email })}
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
