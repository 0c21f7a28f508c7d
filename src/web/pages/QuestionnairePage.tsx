// The questionnaire of a template, or of a cycle with the cycle's deadline and return addresses.
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fillPlaceholders } from '../../domain/placeholders.ts';
import { api } from '../api.ts';
import { useLoad } from '../lib/useLoad.ts';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { QuestionnaireView } from '../components/QuestionnaireView.tsx';
import { useEffect, type ReactNode } from 'react';

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

function Tools({ back }: { back: ReactNode }) {
  return (
    <div className="q-tools no-print">
      <p className="page-heading__eyebrow">{back}</p>
      <PrintButton />
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
  return <QuestionnaireView template={data.data} tools={<Tools back={<Link to="/templates">{t('layout.navTemplates')}</Link>} />} />;
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
      tools={<Tools back={<Link to={`/cycles/${cycle.id}`}>{cycle.title}</Link>} />}
    />
  );
}
