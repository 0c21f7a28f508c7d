// The pages an e-mailed link opens: accepting an invitation (choose a password, then signed in),
// asking for a password reset link, and choosing a new password with one. After either link the
// whole app reloads, so that it starts signed in.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Field } from '../components/Field.tsx';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { currentLanguage } from '../i18n/index.ts';
import { accountsApi } from '../lib/accounts-api.ts';
import { roleLabel } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

const minLength = 10;

/** A new password twice, checked here first (at least 10 characters, the same twice); `save` does the rest. */
function NewPasswordForm({ save, submitLabel, currentPassword }: { save: (password: string) => Promise<void>; submitLabel: string; currentPassword?: boolean }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ detail: string; field?: string } | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!currentPassword && password.length < minLength) return setError({ detail: t('accountLinks.tooShort', { count: minLength }), field: t('accountLinks.tooShort', { count: minLength }) });
    if (!currentPassword && password !== again) return setError({ detail: t('accountLinks.mismatch'), field: t('accountLinks.mismatch') });
    setBusy(true);
    setError(null);
    try {
      await save(password);
      window.location.assign('/');
    } catch (err) {
      setError({ detail: err instanceof ApiError ? err.detail : String(err) });
      setBusy(false);
    }
  };

  return (
    <>
      {error ? <ErrorSummary title={t('accountLinks.errorTitle')} detail={error.detail} items={error.field ? [{ fieldId: 'new-password', message: error.field }] : []} /> : null}
      <form className="card form" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <Field id="new-password" label={currentPassword ? t('accountLinks.yourPassword') : t('accountLinks.newPassword')} hint={currentPassword ? undefined : t('accountLinks.passwordHint', { count: minLength })} required errors={error?.field ? [error.field] : undefined}>
          {(a11y) => <input {...a11y} type="password" autoComplete={currentPassword ? 'current-password' : 'new-password'} value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        {currentPassword ? null : (
          <Field id="new-password-again" label={t('accountLinks.again')} required>
            {(a11y) => <input {...a11y} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />}
          </Field>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </>
  );
}

export function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const invitation = useLoad(() => accountsApi.openInvitation(token), [token]);
  return (
    <div className="narrow">
      <PageHeading title={t('accountLinks.invitationTitle')} />
      {invitation.status === 'error' ? (
        <LoadError error={invitation.error} what={t('accountLinks.invitation')} />
      ) : !invitation.data ? (
        <Loading what={t('accountLinks.invitation')} />
      ) : (
        <>
          <p className="lead">
            {t('accountLinks.invitationLead', {
              name: invitation.data.name,
              inviter: invitation.data.invitedBy ?? t('accountLinks.secretariat'),
              role: roleLabel(invitation.data.role),
              email: invitation.data.email,
            })}
          </p>
          {invitation.data.existingAccount ? <p>{t('accountLinks.existingAccount')}</p> : null}
          <NewPasswordForm
            currentPassword={invitation.data.existingAccount}
            submitLabel={t('accountLinks.accept')}
            save={async (password) => {
              await accountsApi.acceptInvitation(token, password);
            }}
          />
        </>
      )}
    </div>
  );
}

export function ResetRequestPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) return setError(t('signIn.enterEmail'));
    setBusy(true);
    setError(null);
    try {
      await accountsApi.askReset(email.trim(), currentLanguage());
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="narrow">
      <PageHeading title={t('accountLinks.resetTitle')}>
        <p className="lead">{t('accountLinks.resetLead')}</p>
      </PageHeading>
      {sent ? (
        <p className="notice" role="status">
          {t('accountLinks.resetSent', { email: email.trim() })}
        </p>
      ) : (
        <>
          {error ? <ErrorSummary title={t('accountLinks.errorTitle')} detail={error} items={[{ fieldId: 'reset-email', message: error }]} /> : null}
          <form className="card form" onSubmit={onSubmit} noValidate aria-busy={busy}>
            <Field id="reset-email" label={t('signIn.email')} required errors={error ? [error] : undefined}>
              {(a11y) => <input {...a11y} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                {t('accountLinks.sendLink')}
              </button>
            </div>
          </form>
        </>
      )}
      <p>
        <Link to="/signin">{t('accountLinks.backToSignIn')}</Link>
      </p>
    </div>
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  return (
    <div className="narrow">
      <PageHeading title={t('accountLinks.newPasswordTitle')}>
        <p className="lead">{t('accountLinks.newPasswordLead')}</p>
      </PageHeading>
      <NewPasswordForm
        submitLabel={t('accountLinks.setPassword')}
        save={async (password) => {
          await accountsApi.reset(token, password);
        }}
      />
      <p>
        <Link to="/reset-password">{t('accountLinks.askAgain')}</Link>
      </p>
    </div>
  );
}
