// The GCM objectives of a cluster, by number and official title. Used wherever a cluster is shown.
import { useTranslation } from 'react-i18next';
import { objectiveByNumber } from '../../domain/reference.ts';

export function ClusterObjectives({ objectives, headingLevel }: { objectives: number[]; headingLevel: 3 | 4 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="q-objectives">
      <Heading className="q-objectives__title">{t('questionnaire.objectivesInCluster')}</Heading>
      <ul>
        {objectives.map((n) => (
          <li key={n}>
            <span className="q-objectives__number">{t('questionnaire.objective', { number: n })}</span>
            <span>{objectiveByNumber(n)?.title ?? ''}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
