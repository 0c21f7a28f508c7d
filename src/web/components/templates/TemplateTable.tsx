// The templates there are: the built-in ones first, then those a secretariat added.
import { Link } from 'react-router';
import type { TemplateSummary } from '../../../services/types.ts';
import { plural } from '../../lib/format.ts';
import { Badge } from '../Status.tsx';

const respondentLabels: Record<TemplateSummary['respondentType'], string> = {
  state: 'States',
  stakeholder: 'Stakeholders',
};

export function TemplateTable({ templates }: { templates: readonly TemplateSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="table table--cards templates-table">
        <caption className="visually-hidden">Questionnaire templates, {plural(templates.length, 'template')}</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Id</th>
            <th scope="col" className="num">
              Version
            </th>
            <th scope="col">Origin</th>
            <th scope="col">Answered by</th>
            <th scope="col" className="num">
              Questions
            </th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id} data-template={t.id}>
              <th scope="row" data-label="Title">
                <Link to={`/templates/${encodeURIComponent(t.id)}`}>{t.name}</Link>
              </th>
              <td data-label="Id">
                <code>{t.id}</code>
              </td>
              <td data-label="Version" className="num">
                {t.version}
              </td>
              <td data-label="Origin">
                {t.builtIn ? <Badge tone="template-builtin">Built-in</Badge> : <Badge tone="template-added">Added</Badge>}
              </td>
              <td data-label="Answered by">{respondentLabels[t.respondentType]}</td>
              <td data-label="Questions" className="num">
                {t.questionCount}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
