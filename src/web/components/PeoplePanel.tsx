// The people of a cycle: who holds a role in the cycle, and in the submissions the user sees. To
// those whose session may manage memberships it offers a form to give a role and a button to take
// one back; the server decides each against the cycle or submission (src/services/policy.ts) and
// says why when it refuses.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantInput, MembershipInfo, Role, SubmissionSummary } from '../../services/types.ts';
import { api } from '../api.ts';
import { roleLabel } from '../lib/format.ts';
import { useAction } from '../lib/useAction.ts';
import { useLoad } from '../lib/useLoad.ts';
import { Field } from './Field.tsx';
import { InviteForm } from './InviteForm.tsx';
import { RoleField } from './RoleField.tsx';
import { ActionFeedback, LoadError, Loading } from './Status.tsx';

interface Props {
  cycleId: string;
  /** The submissions the user sees: the places a State's role may be given. */
  submissions: SubmissionSummary[];
  /** The session may give and take back memberships (which ones, the server decides). */
  canManage: boolean;
  /** Offer the cycle itself as a place (the secretariat's roles). */
  cycleWide: boolean;
}

/** The roles a place takes: the secretariat's in the cycle, a State's in a submission, a contributor's in one question. */
function rolesFor(where: string, question: string): Role[] {
  if (where === 'cycle') return ['secretariat-analyst', 'secretariat-admin'];
  return question ? ['state-contributor'] : ['state-contributor', 'state-coordinator'];
}

export function PeoplePanel({ cycleId, submissions, canManage, cycleWide }: Props) {
  const { t } = useTranslation();
  const people = useLoad(() => api.memberships.ofCycle(cycleId), [cycleId]);
  const places = [...(cycleWide ? ['cycle'] : []), ...submissions.map((s) => s.state.iso3)];
  const stateName = (iso3: string | null) => submissions.find((s) => s.state.iso3 === iso3)?.state.name ?? iso3 ?? '';
  const [email, setEmail] = useState('');
  const [where, setWhere] = useState(places[0] ?? 'cycle');
  const [question, setQuestion] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const { busy, message, error, act } = useAction(() => people.reload());
  const roles = rolesFor(where, question.trim());
  const chosenRole = role && roles.includes(role) ? role : roles[0]!;

  const placeOf = (m: Pick<MembershipInfo, 'scope' | 'stateIso3' | 'questionKey'>) =>
    m.scope === 'cycle'
      ? t('people.whereCycle')
      : m.scope === 'question'
        ? t('people.whereQuestion', { question: m.questionKey ?? '', state: stateName(m.stateIso3) })
        : t('people.whereSubmission', { state: stateName(m.stateIso3) });
  const said = (m: MembershipInfo) => ({ name: m.user.name, role: roleLabel(m.role), where: placeOf(m) });

  const give = (e: FormEvent) => {
    e.preventDefault();
    const key = question.trim();
    const input: GrantInput =
      where === 'cycle'
        ? { user: email.trim(), role: chosenRole, scope: 'cycle', cycleId }
        : { user: email.trim(), role: chosenRole, scope: key ? 'question' : 'submission', cycleId, stateIso3: where, ...(key ? { questionKey: key } : {}) };
    void act(async () => {
      const m = await api.memberships.grant(input);
      setEmail('');
      setQuestion('');
      return t('people.given', said(m));
    });
  };

  return (
    <section className="card" aria-labelledby="people-heading">
      <h2 id="people-heading">{t('people.title')}</h2>
      <p className="muted">{t('people.intro')}</p>
      <ActionFeedback message={message} error={error?.detail} />
      {people.status === 'error' ? (
        <LoadError error={people.error} what={t('people.loading')} />
      ) : !people.data ? (
        <Loading what={t('people.loading')} />
      ) : people.data.length === 0 ? (
        <p className="empty">{t('people.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards">
            <caption className="visually-hidden">{t('people.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.colPerson')}</th>
                <th scope="col">{t('people.colRole')}</th>
                <th scope="col">{t('people.colWhere')}</th>
                {canManage ? <th scope="col">{t('people.colActions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {people.data.map((m) => (
                <tr key={m.id}>
                  <th scope="row" data-label={t('people.colPerson')}>
                    {m.user.name} <span className="muted">{m.user.email}</span>
                  </th>
                  <td data-label={t('people.colRole')}>{roleLabel(m.role)}</td>
                  <td data-label={t('people.colWhere')}>{placeOf(m)}</td>
                  {canManage ? (
                    <td data-label={t('people.colActions')}>
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy}
                        onClick={() =>
                          void act(async () => {
                            await api.memberships.revoke(m.id);
                            return t('people.takenBack', said(m));
                          })
                        }
                      >
                        {t('people.takeBack')}
                        <span className="visually-hidden">{t('people.takeBackHidden', { name: m.user.name })}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && places.length > 0 ? (
        <form className="form" onSubmit={give} noValidate aria-busy={busy} aria-labelledby="give-heading">
          <h3 id="give-heading">{t('people.giveHeading')}</h3>
          <Field id="people-email" label={t('people.email')} required>
            {(a11y) => <input {...a11y} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field id="people-where" label={t('people.where')}>
            {(a11y) => (
              <select {...a11y} value={where} onChange={(e) => setWhere(e.target.value)}>
                {places.map((p) => (
                  <option key={p} value={p}>
                    {p === 'cycle' ? t('people.whereCycle') : t('people.whereSubmission', { state: stateName(p) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {where !== 'cycle' ? (
            <Field id="people-question" label={t('people.question')} hint={t('people.questionHint')}>
              {(a11y) => <input {...a11y} type="text" size={6} value={question} onChange={(e) => setQuestion(e.target.value)} />}
            </Field>
          ) : null}
          <RoleField id="people-role" label={t('people.role')} roles={roles} value={chosenRole} onChange={setRole} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy || !email.trim()}>
              {busy ? t('people.giving') : t('people.give')}
            </button>
          </div>
        </form>
      ) : null}
      {canManage && submissions.length > 0 ? <InviteForm cycleId={cycleId} submissions={submissions} secretariat={cycleWide} /> : null}
    </section>
  );
}
