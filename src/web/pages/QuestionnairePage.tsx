// The questionnaire of a template, or of a cycle in the cycle's terms (its meeting, deadline and
// addresses), as the respondent sees it: rendered item by item (components/items), its text in
// one of the template's languages, chosen here and kept in the address (?language=fr). It starts
// in the interface language when the template has it.
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fillQuestionnairePlaceholders } from '../../domain/questionnaire/placeholders.ts';
import { emptyResponse } from '../../domain/response.ts';
import { emptyResponse as emptyItemResponse } from '../../domain/questionnaire/response.ts';
import type { Template } from '../../domain/template.ts';
import { textIn } from '../../domain/questionnaire/text.ts';
import { templateLanguages } from '../../services/template-language.ts';
import { api, ApiError, type LocalisedQuestionnaire } from '../api.ts';
import type { AnyResponse } from '../../services/types.ts';
import { languageName } from '../lib/language-name.ts';
import { saveBlob } from '../lib/save-blob.ts';
import { useLoad } from '../lib/useLoad.ts';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { ItemQuestionnaire } from '../components/items/ItemQuestionnaire.tsx';
import { useEffect, useId, useState, type ReactNode } from 'react';

function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--secondary no-print" onClick={() => window.print()}>
      {t('questionnaire.print')}
    </button>
  );
}

function useDocumentTitle(title: string | undefined) {
  const { t } = useTranslation();
  const documentTitle = title ? t('app.documentTitle', { title }) : undefined;
  useEffect(() => {
    if (documentTitle) document.title = documentTitle;
  }, [documentTitle]);
}

/**
 * The blank form as Word or text in each language the template has (its own first), made by
 * POST /api/exports from the template the exporter knows; none for a template it cannot lay out yet.
 */
/** A blank form to download: the template's id, the languages it can be had in, and an empty response to it. */
interface BlankForm {
  id: string;
  languages: string[];
  empty: AnyResponse;
}

const fixedSlotsForm = (tpl: Template): BlankForm => ({ id: tpl.id, languages: templateLanguages(tpl), empty: emptyResponse(tpl) });
const itemForm = ({ questionnaire, languages }: LocalisedQuestionnaire): BlankForm => ({ id: questionnaire.id, languages, empty: emptyItemResponse(questionnaire) });

/** The cycle's blank form, of fixed slots or of the item model as the cycle's template is. */
async function cycleBlankForm(id: string): Promise<BlankForm> {
  const tpl = await api.cycles.template(id);
  return 'items' in tpl ? itemForm(await api.cycles.questionnaire(id)) : fixedSlotsForm(tpl);
}

function FormDownloads({ load, from, cycleId }: { load: () => Promise<BlankForm>; from: string; cycleId?: string }) {
  const { t, i18n } = useTranslation();
  const template = useLoad(load, [from]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!template.data) return null;
  const tpl = template.data;
  const download = async (language: string, format: 'docx' | 'txt') => {
    setBusy(`${language}.${format}`);
    setError(null);
    try {
      saveBlob(await api.exports.create(tpl.id, tpl.empty, format, cycleId, language), `${tpl.id}-${language}.${format}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : t('questionnaire.downloadFailed'));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="no-print">
      {tpl.languages.map((language) => (
        <div key={language} className="downloads" role="group" aria-labelledby={`form-download-${language}`}>
          <span id={`form-download-${language}`}>{t('questionnaire.downloadIn', { language: languageName(language, i18n.language) })}</span>
          {(['docx', 'txt'] as const).map((format) => (
            <button key={format} type="button" className="button button--secondary" disabled={busy !== null} onClick={() => void download(language, format)}>
              {busy === `${language}.${format}` ? t('questionnaire.preparing') : t(format === 'docx' ? 'submission.word' : 'submission.text')}
            </button>
          ))}
        </div>
      ))}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The languages of the form's text (only those the template has), each named in its own language. */
export function FormLanguagePicker({ value, languages, onChange }: { value: string; languages: string[]; onChange: (language: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  if (languages.length < 2) return null;
  return (
    <div className="q-language no-print">
      <label htmlFor={id}>{t('questionnaire.formLanguage')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-hint`}>
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageName(code, code)}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="field__hint">
        {t('questionnaire.formLanguageHint')}
      </p>
    </div>
  );
}

/**
 * The questionnaire in the language asked in the address, else in the interface language when the
 * template has it, else in the template's own; and the way to choose another.
 */
export function useLocalised(fetch: (language?: string) => Promise<LocalisedQuestionnaire>, key: string) {
  const { i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('language') ?? undefined;
  const wanted = chosen ?? i18n.resolvedLanguage ?? i18n.language;
  const data = useLoad(
    () =>
      fetch(wanted).catch((err: unknown) => {
        // The interface language the template lacks is no error: its own language then.
        if (chosen === undefined && err instanceof ApiError && err.status === 400) return fetch();
        throw err;
      }),
    [key, wanted],
  );
  const choose = (language: string) =>
    setParams(
      (p) => {
        p.set('language', language);
        return p;
      },
      { replace: true },
    );
  return { data, choose };
}

function Tools({ back, downloads, picker }: { back: ReactNode; downloads: ReactNode; picker: ReactNode }) {
  return (
    <>
      <div className="q-tools no-print">
        <p className="page-heading__eyebrow">{back}</p>
        <PrintButton />
      </div>
      <div className="q-form-tools no-print">
        {picker}
        {downloads}
      </div>
    </>
  );
}

function Loadable({ status, error }: { status: 'loading' | 'error'; error: ApiError | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('questionnaire.title')} />
      {status === 'error' && error ? <LoadError error={error} what={t('questionnaire.loadError')} /> : <Loading what={t('questionnaire.loading')} />}
    </>
  );
}

export function TemplateQuestionnairePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  // A template's placeholders show the words they carry ({deadline|31 August 2020}), as its printed form does.
  const { data, choose } = useLocalised((language) => api.templates.questionnaire(id, language).then((q) => ({ ...q, questionnaire: fillQuestionnairePlaceholders(q.questionnaire) })), id);
  const q = data.data;
  useDocumentTitle(q ? textIn(q.questionnaire.title, q.language, q.questionnaire.language) : undefined);
  if (!q) return <Loadable status={data.status === 'error' ? 'error' : 'loading'} error={data.error} />;
  return (
    <ItemQuestionnaire
      questionnaire={q.questionnaire}
      language={q.language}
      tools={
        <Tools
          back={<Link to="/templates">{t('layout.navTemplates')}</Link>}
          downloads={<FormDownloads load={() => api.templates.get(id).then(fixedSlotsForm)} from={`template ${id}`} />}
          picker={<FormLanguagePicker value={q.language} languages={q.languages} onChange={choose} />}
        />
      }
    />
  );
}

export function CycleQuestionnairePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const cycle = useLoad(() => api.cycles.get(id), [id]);
  const { data, choose } = useLocalised((language) => api.cycles.questionnaire(id, language), id);
  useDocumentTitle(cycle.data ? t('questionnaire.cycleTitle', { cycle: cycle.data.title }) : undefined);
  const q = data.data;
  if (!q || !cycle.data) {
    const failed = data.status === 'error' ? data : cycle.status === 'error' ? cycle : undefined;
    return <Loadable status={failed ? 'error' : 'loading'} error={failed?.error} />;
  }
  return (
    <ItemQuestionnaire
      questionnaire={q.questionnaire}
      language={q.language}
      tools={
        <Tools
          back={<Link to={`/cycles/${cycle.data.id}`}>{cycle.data.title}</Link>}
          downloads={<FormDownloads load={() => cycleBlankForm(id)} from={`cycle ${id}`} cycleId={id} />}
          picker={<FormLanguagePicker value={q.language} languages={q.languages} onChange={choose} />}
        />
      }
    />
  );
}
