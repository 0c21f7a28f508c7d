// The analysis vocabulary (issue 10.1): for one GCM objective, the terms the analysis matches in
// the States' answers. The secretariat reads them; its administrators change them or go back to
// the built-in ones (the server decides, and says so when it refuses).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { objectives } from '../../domain/reference.ts';
import { objectiveTitle } from '../../domain/questionnaire/builtin/gcm-terms.ts';
import { textIn } from '../../domain/questionnaire/text.ts';
import type { ObjectiveVocabulary } from '../../services/analysis.ts';
import { ApiError, problemToError } from '../api.ts';
import { i18n } from '../i18n/index.ts';
import { PageHeading } from '../components/Page.tsx';
import { Field } from '../components/Field.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { LiveMessage, LoadError, Loading } from '../components/Status.tsx';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';

async function call(method: 'GET' | 'PUT', objective: number, body?: unknown): Promise<ObjectiveVocabulary> {
  let res: Response;
  try {
    res = await fetch(`/api/analysis/vocabulary/${objective}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, i18n.t('api.networkError'), i18n.t('api.unreachable'));
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw problemToError(res.status, data);
  return data as ObjectiveVocabulary;
}

const termsOf = (text: string) =>
  text
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);

export function VocabularyPage() {
  const { t, i18n: { language } } = useTranslation();
  const { user, abilities } = useSession();
  const [objective, setObjective] = useState(1);
  const allowed = abilities.readAll;
  const loaded = useLoad(() => (allowed ? call('GET', objective) : Promise.resolve(undefined)), [allowed, objective]);
  const [draft, setDraft] = useState<{ objective: number; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);

  if (user && !allowed) {
    return (
      <>
        <PageHeading title={t('vocabulary.title')} />
        <p className="notice notice--warning" role="alert">
          {t('vocabulary.notAllowed')}
        </p>
      </>
    );
  }
  const data = loaded.data;
  const text = draft?.objective === objective ? draft.text : (data?.terms.join('\n') ?? '');
  const title = (n: number) => `${n}. ${textIn(objectiveTitle(n), language, 'en')}`;

  async function save(terms: string[] | null) {
    setBusy(true);
    setDone('');
    setProblem(null);
    try {
      const saved = await call('PUT', objective, { terms });
      setDraft({ objective, text: saved.terms.join('\n') });
      setDone(terms === null ? t('vocabulary.restored', { n: saved.terms.length }) : t('vocabulary.saved', { n: saved.terms.length }));
      loaded.reload();
    } catch (err) {
      setProblem(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
    } finally {
      setBusy(false);
    }
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(termsOf(text));
  };

  return (
    <>
      <PageHeading title={t('vocabulary.title')}>
        <p className="lead">{t('vocabulary.lead')}</p>
      </PageHeading>
      <section className="card form__section" aria-labelledby="vocabulary-heading">
        <h2 id="vocabulary-heading">{title(objective)}</h2>
        <Field id="objective" label={t('vocabulary.objective')}>
          {(a11y) => (
            <select
              {...a11y}
              value={objective}
              onChange={(e) => {
                setObjective(Number(e.target.value));
                setDone('');
                setProblem(null);
              }}
            >
              {objectives.map((o) => (
                <option key={o.number} value={o.number}>
                  {title(o.number)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {loaded.status === 'error' ? <LoadError error={loaded.error} what={t('vocabulary.loading')} /> : null}
        {!data ? (
          <Loading what={t('vocabulary.loading')} />
        ) : (
          <>
            <p data-testid="vocabulary-state">
              {data.builtIn ? t('vocabulary.builtIn') : t('vocabulary.changed', { by: data.updatedBy ?? '?', at: data.updatedAt ?? '' })}
            </p>
            {problem ? <ErrorSummary title={t('vocabulary.notSaved')} detail={problem.detail} items={[]} /> : null}
            <LiveMessage>{done || null}</LiveMessage>
            <form className="form" onSubmit={onSubmit} noValidate aria-busy={busy}>
              <Field id="terms" label={t('vocabulary.terms')} hint={t('vocabulary.hint')}>
                {(a11y) => <textarea {...a11y} rows={16} value={text} onChange={(e) => setDraft({ objective, text: e.target.value })} />}
              </Field>
              <div className="form__actions">
                <button type="submit" className="button button--primary" disabled={busy}>
                  {t('vocabulary.save')}
                </button>
                <button type="button" className="button button--secondary" disabled={busy || data.builtIn} onClick={() => void save(null)}>
                  {t('vocabulary.restore')}
                </button>
              </div>
            </form>
          </>
        )}
      </section>
    </>
  );
}
