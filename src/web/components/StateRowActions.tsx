// The actions of one State's row in a cycle's table (the secretariat's tracking table and the
// plain table a State's users see): open its submission, and import a form for it when allowed.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function StateRowActions({ cycleId, templateId, iso3, stateName, mayImport }: { cycleId: string; templateId: string; iso3: string; stateName: string; mayImport: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="row-actions">
      <Link to={`/cycles/${encodeURIComponent(cycleId)}/states/${iso3}`}>
        {t('cycle.view')}
        <span className="visually-hidden">{t('cycle.viewHidden', { state: stateName })}</span>
      </Link>
      {mayImport ? (
        <Link to={`/import?cycle=${encodeURIComponent(cycleId)}&template=${encodeURIComponent(templateId)}&state=${iso3}`}>
          {t('cycle.importFor')}
          <span className="visually-hidden">{t('cycle.importForHidden', { state: stateName })}</span>
        </Link>
      ) : null}
    </div>
  );
}
