// Questionnaire templates: what each asks, for everyone signed in; adding one, for a secretariat administrator.
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { TemplateTable } from '../components/templates/TemplateTable.tsx';
import { AddTemplateForm } from '../components/templates/AddTemplateForm.tsx';

export function TemplatesPage() {
  const { abilities } = useSession();
  const { t } = useTranslation();
  const templates = useLoad(() => api.templates.list(), []);
  const canAdd = abilities.addTemplate;

  return (
    <>
      <PageHeading title={t('templates.title')}>
        <p className="lead">{t('templates.lead')}</p>
        <p className="templates-intro">{canAdd ? t('templates.introAdmin') : t('templates.introOthers')}</p>
      </PageHeading>

      <section aria-labelledby="templates-list-heading">
        <h2 id="templates-list-heading">{t('templates.available')}</h2>
        {templates.status === 'error' ? <LoadError error={templates.error} what={t('templates.loadError')} /> : null}
        {templates.data ? <TemplateTable templates={templates.data} /> : templates.status === 'loading' ? <Loading what={t('templates.loading')} /> : null}
      </section>

      {canAdd ? <AddTemplateForm onAdded={templates.reload} /> : null}
    </>
  );
}
