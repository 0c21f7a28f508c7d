// The questionnaire of a template, or of a cycle with the cycle's deadline and return addresses.
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fillPlaceholders } from '../../domain/placeholders.ts';
import { emptyResponse } from '../../domain/response.ts';
import type { Template } from '../../domain/template.ts';
import { templateLanguages } from '../../services/template-language.ts';
import { api, ApiError } from '../api.ts';
import { languageName } from '../lib/language-name.ts';
import { saveBlob } from '../lib/save-blob.ts';
import { useLoad } from '../lib/useLoad.ts';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { QuestionnaireView } from '../components/QuestionnaireView.tsx';
import { useEffect, useState, type ReactNode } from 'react';

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

/** The blank form as Word or text in each language the template has (its own first), made by POST /api/exports. */
function FormDownloads({ template, cycleId }: { template: Template; cycleId?: string }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (language: string, format: 'docx' | 'txt') => {
    setBusy(`${language}.${format}`);
    setError(null);
    try {
      saveBlob(await api.exports.create(template.id, emptyResponse(template), format, cycleId, language), `${template.id}-${language}.${format}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : t('questionnaire.downloadFailed'));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="no-print">
      {templateLanguages(template).map((language) => (
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

function Tools({ back, downloads }: { back: ReactNode; downloads?: ReactNode }) {
  return (
    <div className="q-tools no-print">
      <p className="page-heading__eyebrow">{back}</p>
      <PrintButton />
      {downloads}
    </div>
  );
}

export function TemplateQuestionnairePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const data = useLoad(() => api.templates.get(id).then((t) => fillPlaceholders(t)), [id]);
  useDocumentTitle(data.data?.title);
  if (data.status !== 'ready') {
    return (
      <>
        <PageHeading title={t('questionnaire.title')} />
        {data.status === 'error' ? <LoadError error={data.error} what={t('questionnaire.loadError')} /> : <Loading what={t('questionnaire.loading')} />}
      </>
    );
  }
  return (
    <QuestionnaireView
      template={data.data}
      tools={<Tools back={<Link to="/templates">{t('layout.navTemplates')}</Link>} downloads={<FormDownloads template={data.data} />} />}
    />
  );
}

export function CycleQuestionnairePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const data = useLoad(async () => {
    const [cycle, template] = await Promise.all([api.cycles.get(id), api.cycles.template(id)]);
    return { cycle, template };
  }, [id]);
  useDocumentTitle(data.data ? t('questionnaire.cycleTitle', { cycle: data.data.cycle.title }) : undefined);
  if (data.status !== 'ready') {
    return (
      <>
        <PageHeading title={t('questionnaire.title')} />
        {data.status === 'error' ? <LoadError error={data.error} what={t('questionnaire.loadError')} /> : <Loading what={t('questionnaire.loading')} />}
      </>
    );
  }
  const { cycle, template } = data.data;
  return (
    <QuestionnaireView
      template={template}
      cycle={cycle}
      tools={<Tools back={<Link to={`/cycles/${cycle.id}`}>{cycle.title}</Link>} downloads={<FormDownloads template={template} cycleId={cycle.id} />} />}
    />
  );
}
