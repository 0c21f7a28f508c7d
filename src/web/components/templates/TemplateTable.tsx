// The templates there are: the built-in ones first, then those a secretariat added. Each name
// opens its questionnaire.
import { Link } from 'react-router';
import type { TemplateSummary } from '../../../services/types.ts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { Badge } from '../Status.tsx';

export function TemplateTable({ templates }: { templates: readonly TemplateSummary[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table--cards templates-table">
        <caption className="visually-hidden">{t('templates.caption', { count: templates.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('templates.colTitle')}</th>
            <th scope="col">{t('templates.colId')}</th>
            <th scope="col" className="num">
              {t('templates.colVersion')}
            </th>
            <th scope="col">{t('templates.colOrigin')}</th>
            <th scope="col">{t('templates.colAnsweredBy')}</th>
            <th scope="col" className="num">
              {t('templates.colQuestions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {templates.map((tpl) => (
            <tr key={tpl.id} data-template={tpl.id}>
              <th scope="row" data-label={t('templates.colTitle')}>
                <Link to={`/templates/${encodeURIComponent(tpl.id)}`}>{tpl.name}</Link>
              </th>
              <td data-label={t('templates.colId')}>
                <code>{tpl.id}</code>
              </td>
              <td data-label={t('templates.colVersion')} className="num">
                {formatNumber(tpl.version)}
              </td>
              <td data-label={t('templates.colOrigin')}>
                {tpl.builtIn ? <Badge tone="template-builtin">{t('templates.builtIn')}</Badge> : <Badge tone="template-added">{t('templates.added')}</Badge>}
              </td>
              <td data-label={t('templates.colAnsweredBy')}>{t(`templates.respondent.${tpl.respondentType}`)}</td>
              <td data-label={t('templates.colQuestions')} className="num">
                {formatNumber(tpl.questionCount)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
