// The questionnaire of a template, or of a cycle with the cycle's deadline and return addresses.
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { useLoad } from '../lib/useLoad.ts';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { QuestionnaireView } from '../components/QuestionnaireView.tsx';
import { useEffect, type ReactNode } from 'react';

function PrintButton() {
  return (
    <button type="button" className="button button--secondary no-print" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}

function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · GCM Review`;
  }, [title]);
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
  const data = useLoad(() => api.templates.get(id), [id]);
  useDocumentTitle(data.data?.title);
  if (data.status !== 'ready') {
    return (
      <>
        <PageHeading title="Questionnaire" />
        {data.status === 'error' ? <LoadError error={data.error} what="the questionnaire" /> : <Loading what="the questionnaire" />}
      </>
    );
  }
  return <QuestionnaireView template={data.data} tools={<Tools back={<Link to="/templates">Templates</Link>} />} />;
}

export function CycleQuestionnairePage() {
  const { id = '' } = useParams();
  const data = useLoad(async () => {
    const cycle = await api.cycles.get(id);
    return { cycle, template: await api.templates.get(cycle.templateId) };
  }, [id]);
  useDocumentTitle(data.data ? `${data.data.cycle.title}: questionnaire` : undefined);
  if (data.status !== 'ready') {
    return (
      <>
        <PageHeading title="Questionnaire" />
        {data.status === 'error' ? <LoadError error={data.error} what="the questionnaire" /> : <Loading what="the questionnaire" />}
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
