// The Compact's own titles in English, French and Russian, for templates generated from the
// reference data: the 23 objectives as A/RES/73/195 names them (French and Russian as close to
// the official texts as we know them) and the four IMRF round-table clusters (A/RES/73/326 para 21).
import { clusters, objectives } from '../../reference.ts';
import type { Item } from '../registry.ts';
import type { Translations } from '../text.ts';

/** A text in English, French and Russian. */
export function tr(en: string, fr: string, ru: string): Translations {
  return { en, fr, ru };
}

const objectiveTitles: Record<number, [fr: string, ru: string]> = {
  1: ['Collecter et utiliser des données précises et ventilées qui serviront à l’élaboration de politiques fondées sur la connaissance des faits', 'Сбор и использование точных и дезагрегированных данных в качестве основы для выработки научно обоснованной политики'],
  2: ['Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des personnes à quitter leur pays d’origine', 'Сведение к минимуму негативных факторов и структурных причин, которые вынуждают людей покидать свою страну происхождения'],
  3: ['Fournir dans les meilleurs délais des informations exactes à toutes les étapes de la migration', 'Предоставление точной и своевременной информации на всех этапах миграции'],
  4: ['Munir tous les migrants d’une preuve d’identité légale et de papiers adéquats', 'Обеспечение наличия у всех мигрантов документов, удостоверяющих личность, и надлежащих документов'],
  5: ['Faire en sorte que les filières de migration régulière soient accessibles et plus souples', 'Повышение доступности и гибкости путей легальной миграции'],
  6: ['Favoriser des pratiques de recrutement justes et éthiques et assurer les conditions d’un travail décent', 'Содействие справедливому и этичному найму и обеспечение условий, гарантирующих достойный труд'],
  7: ['S’attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire', 'Устранение и уменьшение факторов уязвимости в процессе миграции'],
  8: ['Sauver des vies et mettre en place une action internationale coordonnée pour retrouver les migrants disparus', 'Спасение жизни людей и организация скоординированных международных усилий в отношении пропавших без вести мигрантов'],
  9: ['Renforcer l’action transnationale face au trafic de migrants', 'Укрепление транснациональных мер по борьбе с незаконным ввозом мигрантов'],
  10: ['Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales', 'Предупреждение, пресечение и искоренение торговли людьми в контексте международной миграции'],
  11: ['Gérer les frontières de manière intégrée, sûre et coordonnée', 'Комплексное, безопасное и скоординированное управление границами'],
  12: ['Renforcer la prévisibilité et la sécurité juridique des procédures migratoires pour assurer des contrôles, des évaluations et une orientation appropriés', 'Повышение определенности и предсказуемости миграционных процедур для надлежащей проверки, оценки и перенаправления'],
  13: ['Ne recourir au placement en rétention administrative des migrants qu’en dernier ressort et chercher des solutions de rechange', 'Использование содержания мигрантов под стражей только в качестве крайней меры и поиск альтернативных вариантов'],
  14: ['Améliorer la protection, l’assistance et la coopération consulaires tout au long du cycle migratoire', 'Повышение эффективности консульской защиты, помощи и сотрудничества на протяжении всего миграционного цикла'],
  15: ['Assurer l’accès des migrants aux services de base', 'Обеспечение доступа мигрантов к базовым услугам'],
  16: ['Donner aux migrants et aux sociétés les moyens de réaliser la pleine intégration et la cohésion sociale', 'Расширение возможностей мигрантов и общества для обеспечения полной интеграции и социальной сплоченности'],
  17: ['Éliminer toutes les formes de discrimination et encourager un débat public fondé sur l’analyse des faits afin de faire évoluer la manière dont les migrations sont perçues', 'Ликвидация всех форм дискриминации и поощрение основанного на фактических данных общественного дискурса для формирования представлений о миграции'],
  18: ['Investir dans le perfectionnement des compétences et faciliter la reconnaissance mutuelle des aptitudes, qualifications et compétences', 'Инвестирование в развитие навыков и содействие взаимному признанию навыков, квалификаций и компетенций'],
  19: ['Créer les conditions permettant aux migrants et aux diasporas de contribuer pleinement au développement durable dans tous les pays', 'Создание условий для того, чтобы мигранты и диаспоры могли в полной мере вносить вклад в устойчивое развитие во всех странах'],
  20: ['Rendre les envois de fonds plus rapides, plus sûrs et moins coûteux et favoriser l’inclusion financière des migrants', 'Содействие более быстрому, безопасному и дешевому переводу денежных средств и поощрение финансовой интеграции мигрантов'],
  21: ['Coopérer en vue de faciliter le retour et la réadmission des migrants en toute sécurité et dans la dignité, ainsi que leur réintégration durable', 'Сотрудничество в целях содействия безопасному и достойному возвращению и реадмиссии, а также устойчивой реинтеграции'],
  22: ['Mettre en place des mécanismes de portabilité des droits de sécurité sociale et des avantages acquis', 'Создание механизмов для обеспечения переносимости приобретенных прав на социальное обеспечение и пособия'],
  23: ['Renforcer la coopération internationale et les partenariats mondiaux pour des migrations sûres, ordonnées et régulières', 'Укрепление международного сотрудничества и глобальных партнерств в интересах безопасной, упорядоченной и легальной миграции'],
};

const clusterTitles: Record<number, [fr: string, ru: string]> = {
  1: ['Faire en sorte que les migrations soient volontaires, ordonnées et régulières', 'Обеспечение добровольного, упорядоченного и легального характера миграции'],
  2: ['Protéger les migrants grâce à des mesures de gestion des frontières fondées sur les droits', 'Защита мигрантов с помощью основанных на правах человека мер по управлению границами'],
  3: ['Favoriser l’intégration des migrants et leur contribution au développement', 'Содействие интеграции мигрантов и их вкладу в развитие'],
  4: [
    'Améliorer l’élaboration des politiques et le débat public fondés sur des valeurs et sur des données factuelles, et renforcer la coopération en matière de migrations',
    'Совершенствование политики и общественной дискуссии на основе ценностей и фактических данных и укрепление сотрудничества в области миграции',
  ],
};

/** The objective's title in English (from the reference data), French and Russian. */
export function objectiveTitle(n: number): Translations {
  const en = objectives.find((o) => o.number === n)?.title;
  const other = objectiveTitles[n];
  if (!en || !other) throw new Error(`there is no GCM objective ${n}`);
  return tr(en, ...other);
}

/** The round-table cluster's title in English (from the reference data), French and Russian. */
export function clusterTitle(n: number): Translations {
  const en = clusters.find((c) => c.number === n)?.title;
  const other = clusterTitles[n];
  if (!en || !other) throw new Error(`there is no IMRF round-table cluster ${n}`);
  return tr(en, ...other);
}

/** "2, 5, 6, 12 and 18", "2, 5, 6, 12 et 18", "2, 5, 6, 12 и 18". */
export function numberList(ns: readonly number[]): Translations {
  const list = (and: string) => (ns.length < 2 ? ns.join('') : `${ns.slice(0, -1).join(', ')} ${and} ${ns.at(-1)}`);
  return tr(list('and'), list('et'), list('и'));
}

/** The consent to publish: a single choice of yes or no, with the role that gates publication. */
export function consentChoice(prompt: Translations): Item {
  return {
    kind: 'choice',
    key: 'consent',
    role: 'publication-consent',
    multiple: false,
    prompt,
    options: [
      { value: 'yes', label: tr('Yes', 'Oui', 'Да') },
      { value: 'no', label: tr('No', 'Non', 'Нет') },
    ],
  };
}
