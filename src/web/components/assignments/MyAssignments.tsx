// "My assignments" on the list of cycles: the questions given to the signed-in person in every
// cycle, soonest due first, each with its status, due date and words against the guidance, and a
// link to the submission where they answer it. Nothing is shown to someone who has none.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { StatusLabel } from './status.tsx';

export function MyAssignments() {
  const { t } = useTranslation();
  const data = useLoad(() => api.assignments.mine(), []);
  if (data.status !== 'ready' || data.data.length === 0) return null;
  return (
    <section className="card my-assignments" aria-labelledby="my-assignments-heading">
      <h2 id="my-assignments-heading">{t('assignments.mine')}</h2>
      <p className="muted">{t('assignments.mineIntro')}</p>
      <ul className="plain-list assignments__list">
        {data.data.map((a) => (
          <li key={a.id}>
            <Link to={`/cycles/${encodeURIComponent(a.cycle.id)}/states/${encodeURIComponent(a.state.iso3)}`}>{t('assignments.mineItem', { question: a.question, state: a.state.name })}</Link>{' '}
            <span className="muted">{a.cycle.title}</span> <StatusLabel status={a.status} />{' '}
            <span>{a.dueDate ? t('assignments.due', { date: formatDate(a.dueDate) }) : t('assignments.noDue')}</span>
            {' · '}
            <span>
              {a.wordGuidance
                ? t('assignments.words', { words: formatNumber(a.words), guidance: formatNumber(a.wordGuidance) })
                : t('assignments.wordsOnly', { words: formatNumber(a.words) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
