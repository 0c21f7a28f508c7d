// Inviting someone who has no account yet, from a cycle's People panel: the secretariat invites a
// State's coordinator (of the State's office), a coordinator contributors (to their State's
// submission, or one question of it). The person gets a personal link by e-mail; the pending
// invitations are listed, each with a button to withdraw it. The server decides who may invite whom.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, SubmissionSummary } from '../../services/types.ts';
import { currentLanguage } from '../i18n/index.ts';
import { accountsApi } from '../lib/accounts-api.ts';
import { roleLabel } from '../lib/format.ts';
import { useAction } from '../lib/useAction.ts';
import { useLoad } from '../lib/useLoad.ts';
import { Field } from './Field.tsx';
import { RoleField } from './RoleField.tsx';
import { ActionFeedback } from './Status.tsx';

interface Props {
  cycleId: string;
  submissions: SubmissionSummary[];
  /** The secretariat: may invite coordinators too. */
  secretariat: boolean;
}

export function InviteForm({ cycleId, submissions, secretariat }: Props) {
  const { t } = useTranslation();
  // This cycle's invitations, and those to the offices of its States (which name no cycle).
  const pending = useLoad(
    async () => (await accountsApi.pending()).filter((p) => p.cycleId === cycleId || (p.cycleId === null && submissions.some((s) => s.state.iso3 === p.stateIso3))),
    [cycleId, submissions.map((s) => s.state.iso3).join()],
  );
  const roles: Role[] = secretariat ? ['state-coordinator', 'state-contributor'] : ['state-contributor'];
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [email, setEmail] = useState('');
  const [state, setState] = useState(submissions[0]?.state.iso3 ?? '');
  const [role, setRole] = useState<Role>(roles[0]!);
  const [question, setQuestion] = useState('');
  const { busy, message, error, act } = useAction(() => pending.reload());

  const invite = (e: FormEvent) => {
    e.preventDefault();
    const key = question.trim();
    const where =
      role === 'state-coordinator'
        ? { scope: 'state', stateIso3: state }
        : { scope: key ? 'question' : 'submission', cycleId, stateIso3: state, ...(key ? { questionKey: key } : {}) };
    void act(async () => {
      const sent = await accountsApi.invite({ email: email.trim(), name: name.trim(), organisation: organisation.trim() || null, role, ...where, language: currentLanguage() });
      setName('');
      setOrganisation('');
      setEmail('');
      setQuestion('');
      return t('invite.sent', { name: sent.name, email: sent.email });
    });
  };

  return (
    <section aria-labelledby="invite-heading">
      <h3 id="invite-heading">{t('invite.heading')}</h3>
      <p className="muted">{t('invite.intro')}</p>
      <ActionFeedback message={message} error={error?.summary} />
      {pending.data?.length ? (
        <ul className="plain-list" aria-label={t('invite.pending')}>
          {pending.data.map((p) => (
            <li key={p.id}>
              {t('invite.pendingItem', { name: p.name, email: p.email, role: roleLabel(p.role), state: p.stateIso3 ?? '' })}{' '}
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void act(async () => (await accountsApi.withdraw(p.id), t('invite.withdrawn', { name: p.name })))}>
                {t('invite.withdraw')}
                <span className="visually-hidden">{t('invite.withdrawHidden', { name: p.name })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form className="form" onSubmit={invite} noValidate aria-busy={busy} aria-labelledby="invite-heading">
        <Field id="invite-name" label={t('invite.name')} required>
          {(a11y) => <input {...a11y} type="text" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="invite-organisation" label={t('invite.organisation')}>
          {(a11y) => <input {...a11y} type="text" autoComplete="off" value={organisation} onChange={(e) => setOrganisation(e.target.value)} />}
        </Field>
        <Field id="invite-email" label={t('invite.email')} required>
          {(a11y) => <input {...a11y} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field id="invite-state" label={t('invite.state')}>
          {(a11y) => (
            <select {...a11y} value={state} onChange={(e) => setState(e.target.value)}>
              {submissions.map((s) => (
                <option key={s.state.iso3} value={s.state.iso3}>
                  {s.state.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <RoleField id="invite-role" label={t('invite.role')} roles={roles} value={role} onChange={setRole} />
        {role === 'state-contributor' ? (
          <Field id="invite-question" label={t('invite.question')} hint={t('invite.questionHint')}>
            {(a11y) => <input {...a11y} type="text" size={6} value={question} onChange={(e) => setQuestion(e.target.value)} />}
          </Field>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || !email.trim() || !name.trim() || !state}>
            {t('invite.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
