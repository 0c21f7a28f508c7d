// Small shared pieces: loading and error states, a polite live region, badges and progress bars.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import type { ApiError } from '../api.ts';

/** `what` is what is loading, in the interface language ("review cycles"). */
export function Loading({ what }: { what: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {t('status.loading', { what })}
    </p>
  );
}

/** Says what went wrong loading a page, with the way forward for the usual cases. */
export function LoadError({ error, what }: { error: ApiError; what: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>
        <strong>{t('status.loadError', { what })}</strong> {error.detail}
      </p>
      {error.status === 401 ? (
        <p>
          <Trans i18nKey="status.signInToContinue" components={[<Link key="signin" to="/signin" />]} />
        </p>
      ) : null}
    </div>
  );
}

/**
 * A live region, present from the first render so that later messages are announced.
 * Screen readers read its text when it changes; sighted users see it as a notice.
 */
export function LiveMessage({ kind = 'success', children }: { kind?: 'success' | 'info' | 'error'; children?: ReactNode }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={children ? `notice notice--${kind}` : 'live-empty'}>
      {children}
    </div>
  );
}

/** What an action said: its closing sentence, announced politely, or the server's refusal, announced at once. */
export function ActionFeedback({ message, error }: { message: string; error: string | undefined }) {
  return (
    <>
      <LiveMessage>{message || null}</LiveMessage>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

/** A bar drawn beside text that says the same in words, so it is hidden from screen readers. `secondary` (drafts) follows `value` in a lighter tone. */
export function ProgressBar({ value, secondary = 0, max }: { value: number; secondary?: number; max: number }) {
  const pct = (n: number) => (max > 0 ? Math.min(100, (n / max) * 100) : 0);
  return (
    <div className="progress" aria-hidden="true">
      <span className="progress__done" style={{ width: `${pct(value)}%` }} />
      <span className="progress__draft" style={{ width: `${pct(Math.max(0, Math.min(secondary, max - value)))}%` }} />
    </div>
  );
}
