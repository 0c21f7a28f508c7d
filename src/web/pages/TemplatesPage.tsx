// Questionnaire templates: what each asks, for everyone signed in; adding one, for a secretariat administrator.
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { TemplateTable } from '../components/templates/TemplateTable.tsx';
import { AddTemplateForm } from '../components/templates/AddTemplateForm.tsx';

export function TemplatesPage() {
  const { user } = useSession();
  const templates = useLoad(() => api.templates.list(), []);
  const canAdd = user?.role === 'secretariat-admin';

  return (
    <>
      <PageHeading title="Questionnaire templates">
        <p className="lead">
          A template is a questionnaire written as data: the contact block of the coordinating office, consent to publish, the clusters of GCM
          objectives with their questions, the checklist of guiding principles and the open questions, in the words printed on the form.
        </p>
        <p className="templates-intro">
          Each review cycle sends one template to the States it invites, and the importer reads their filled-in forms by that template’s wording.
          Built-in templates come with GCM Review; {canAdd ? 'you can add your own below.' : 'a secretariat administrator can add others.'}
        </p>
      </PageHeading>

      <section aria-labelledby="templates-list-heading">
        <h2 id="templates-list-heading">Available templates</h2>
        {templates.status === 'error' ? <LoadError error={templates.error} what="the templates" /> : null}
        {templates.data ? <TemplateTable templates={templates.data} /> : templates.status === 'loading' ? <Loading what="the templates" /> : null}
      </section>

      {canAdd ? <AddTemplateForm onAdded={templates.reload} /> : null}
    </>
  );
}
