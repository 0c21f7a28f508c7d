// The objective-by-objective national report (the outline of IMRF national reports): how the
// report was prepared and who was consulted, a general assessment, the same four questions for
// each of the 23 objectives (generated from the reference data), means of implementation with a
// table of figures by year, challenges and conclusions, annexes. English, French and Russian.
import { clusterOfObjective, objectives } from '../../reference.ts';
import type { QuestionnaireInput } from '../questionnaire.ts';
import type { Item } from '../registry.ts';
import { consentChoice, objectiveTitle, tr } from './gcm-terms.ts';

/** The four questions asked about every objective, with the letter of each. */
const perObjective = [
  {
    letter: 'a',
    part: 'progress',
    prompt: tr(
      'Progress: what has been done to implement this objective since the last review (policies, laws, programmes, partnerships), with figures where they exist?',
      'Progrès : qu’a-t-on fait pour mettre en œuvre cet objectif depuis le dernier examen (politiques, lois, programmes, partenariats), avec des chiffres lorsqu’il en existe ?',
      'Прогресс: что было сделано для достижения этой цели после предыдущего обзора (политика, законы, программы, партнерства), с цифрами, если они имеются?',
    ),
  },
  {
    letter: 'b',
    part: 'challenges',
    prompt: tr(
      'Challenges: what has stood in the way, and for whom?',
      'Difficultés : quels obstacles ont été rencontrés, et pour qui ?',
      'Трудности: что препятствовало продвижению и для кого?',
    ),
  },
  {
    letter: 'c',
    part: 'good-practices',
    prompt: tr(
      'Good practices: what has worked well and could be shared with other States?',
      'Bonnes pratiques : qu’est-ce qui a bien fonctionné et pourrait être partagé avec d’autres États ?',
      'Передовая практика: что дало хорошие результаты и может быть полезно другим государствам?',
    ),
  },
  {
    letter: 'd',
    part: 'next-steps',
    prompt: tr(
      'Next steps: what does the Government plan to do, and what support would help?',
      'Prochaines étapes : que prévoit de faire le Gouvernement, et quel appui serait utile ?',
      'Дальнейшие шаги: что планирует сделать правительство и какая поддержка была бы полезна?',
    ),
  },
] as const;

const years = [2022, 2023, 2024, 2025];

function objectiveSection(n: number): Item {
  const cluster = clusterOfObjective(n);
  return {
    kind: 'section',
    key: `objective-${n}`,
    label: String(n),
    heading: objectiveTitle(n),
    introduction: [],
    concerns: { ...(cluster ? { clusters: [cluster.number] } : {}), objectives: [n] },
    children: perObjective.map((q) => ({ kind: 'prose', key: `${n}${q.letter}`, label: q.letter, prompt: q.prompt, wordGuidance: 300, attachmentsAllowed: true })),
  };
}

export const nationalReport: QuestionnaireInput = {
  id: 'imrf-national-report',
  version: 1,
  name: tr('National report, objective by objective (IMRF)', 'Rapport national, objectif par objectif (FEMI)', 'Национальный доклад по каждой цели (ФОММ)'),
  title: tr(
    'National report on the implementation of the Global Compact for Safe, Orderly and Regular Migration',
    'Rapport national sur la mise en œuvre du Pacte mondial pour des migrations sûres, ordonnées et régulières',
    'Национальный доклад об осуществлении Глобального договора о безопасной, упорядоченной и легальной миграции',
  ),
  subtitle: tr('Prepared for {meeting.name}', 'Établi pour {meeting.name}', 'Подготовлен для мероприятия «{meeting.name}»'),
  respondentType: 'state',
  language: 'en',
  languages: ['en', 'fr', 'ru'],
  introduction: [
    tr(
      'In resolution 73/195 the General Assembly encouraged Member States to conduct regular and inclusive reviews of progress at the national level in implementing the Global Compact. This outline helps a Government report on each of the 23 objectives in turn. Please answer in numbered paragraphs and cite your sources in footnotes.',
      'Dans sa résolution 73/195, l’Assemblée générale a encouragé les États Membres à procéder régulièrement à des examens inclusifs des progrès accomplis au niveau national dans la mise en œuvre du Pacte mondial. Le présent plan aide le Gouvernement à rendre compte de chacun des 23 objectifs tour à tour. Veuillez répondre en paragraphes numérotés et citer vos sources en notes de bas de page.',
      'В резолюции 73/195 Генеральная Ассамблея призвала государства-члены проводить регулярные и инклюзивные обзоры прогресса в осуществлении Глобального договора на национальном уровне. Эта структура помогает правительству представить информацию по каждой из 23 целей. Просьба отвечать пронумерованными пунктами и указывать источники в сносках.',
    ),
  ],
  items: [
    {
      kind: 'contact',
      key: 'contact',
      introduction: tr(
        'Please identify the institution that coordinated this report and a person to contact.',
        'Veuillez indiquer l’institution qui a coordonné le présent rapport et une personne à contacter.',
        'Просьба указать учреждение, координировавшее подготовку настоящего доклада, и контактное лицо.',
      ),
      fields: [
        { key: 'country', label: tr('Country', 'Pays', 'Страна'), type: 'country' },
        { key: 'institution', label: tr('Coordinating institution', 'Institution de coordination', 'Координирующее учреждение') },
        { key: 'name', label: tr('Name', 'Nom', 'Имя и фамилия') },
        { key: 'title', label: tr('Title/Position', 'Titre/Fonction', 'Звание/должность') },
        { key: 'email', label: tr('E-mail', 'Courriel', 'Электронная почта'), type: 'email' },
        { key: 'telephone', label: tr('Telephone', 'Téléphone', 'Телефон'), type: 'tel', required: false },
      ],
      afterword: tr(
        'Please submit the report by {deadline} to {returnTo}, with a copy to {copyTo}.',
        'Veuillez soumettre le rapport avant le {deadline} à {returnTo}, avec copie à {copyTo}.',
        'Просьба представить доклад до {deadline} по адресу {returnTo} с копией по адресу {copyTo}.',
      ),
    },
    consentChoice(
      tr(
        'May this report be published on the website of the United Nations Network on Migration?',
        'Le présent rapport peut-il être publié sur le site Web du Réseau des Nations Unies sur les migrations ?',
        'Может ли настоящий доклад быть опубликован на веб-сайте Сети Организации Объединенных Наций по вопросам миграции?',
      ),
    ),
    {
      kind: 'section',
      key: 'preparation',
      heading: tr('How the report was prepared', 'Élaboration du rapport', 'Порядок подготовки доклада'),
      children: [
        {
          kind: 'prose',
          key: 'method',
          label: 'A',
          prompt: tr(
            'How was this report prepared? Please describe the process and the ministries and other parts of government that took part (whole-of-government approach).',
            'Comment le présent rapport a-t-il été établi ? Veuillez décrire le processus ainsi que les ministères et autres services de l’État qui y ont participé (approche mobilisant l’ensemble des pouvoirs publics).',
            'Как готовился настоящий доклад? Просьба описать этот процесс, а также министерства и другие государственные органы, которые в нем участвовали (общегосударственный подход).',
          ),
          wordGuidance: 500,
        },
        {
          kind: 'prose',
          key: 'consultation',
          label: 'B',
          prompt: tr(
            'Who was consulted, and how? Please name the migrants, migrants’ associations, civil society organisations, trade unions, employers, local authorities, academics and others consulted, and say how their views are reflected (whole-of-society approach).',
            'Qui a été consulté, et comment ? Veuillez citer les migrants, associations de migrants, organisations de la société civile, syndicats, employeurs, autorités locales, universitaires et autres parties consultés, et indiquer comment leurs vues sont prises en compte (approche mobilisant l’ensemble de la société).',
            'С кем и каким образом проводились консультации? Просьба назвать мигрантов, объединения мигрантов, организации гражданского общества, профсоюзы, работодателей, местные органы власти, представителей научных кругов и других участников консультаций и указать, как учтены их мнения (общесоциальный подход).',
          ),
          wordGuidance: 500,
        },
        {
          kind: 'prose',
          key: 'assessment',
          label: 'C',
          prompt: tr(
            'General assessment: what is the national context of migration, and how far has the Global Compact been implemented since the last review?',
            'Évaluation générale : quel est le contexte national des migrations, et où en est la mise en œuvre du Pacte mondial depuis le dernier examen ?',
            'Общая оценка: каков национальный контекст миграции и насколько продвинулось осуществление Глобального договора после предыдущего обзора?',
          ),
          wordGuidance: 800,
        },
      ],
    },
    {
      kind: 'section',
      key: 'objectives',
      heading: tr('Implementation objective by objective', 'Mise en œuvre, objectif par objectif', 'Осуществление по каждой цели'),
      introduction: [
        tr(
          'For each objective, please answer a to d. Where an objective does not apply in your country, say so in a and leave b to d empty.',
          'Pour chaque objectif, veuillez répondre aux questions a à d. Si un objectif ne s’applique pas à votre pays, indiquez-le en a et laissez b à d vides.',
          'По каждой цели просьба ответить на вопросы a–d. Если цель неприменима к вашей стране, укажите это в пункте a и оставьте пункты b–d пустыми.',
        ),
      ],
      children: objectives.map((o) => objectiveSection(o.number)),
    },
    {
      kind: 'section',
      key: 'means',
      heading: tr('Means of implementation', 'Moyens de mise en œuvre', 'Средства осуществления'),
      children: [
        {
          kind: 'prose',
          key: 'means-of-implementation',
          label: 'D',
          prompt: tr(
            'What means support implementation: budget, institutions, capacity-building, international cooperation and partnerships (including the Migration Multi-Partner Trust Fund)?',
            'Quels moyens appuient la mise en œuvre : budget, institutions, renforcement des capacités, coopération internationale et partenariats (y compris le Fonds d’affectation spéciale pluripartenaires pour les migrations) ?',
            'Какие средства обеспечивают осуществление: бюджет, институты, наращивание потенциала, международное сотрудничество и партнерства (включая Многосторонний целевой фонд по миграции)?',
          ),
          wordGuidance: 500,
        },
        {
          kind: 'table',
          key: 'figures',
          label: 'E',
          prompt: tr(
            'Resources for implementing the Global Compact, by year (leave a cell empty where there is no figure)',
            'Ressources consacrées à la mise en œuvre du Pacte mondial, par année (laissez vide une case sans chiffre)',
            'Ресурсы на осуществление Глобального договора по годам (если данных нет, оставьте ячейку пустой)',
          ),
          rowHeading: tr('Resources', 'Ressources', 'Ресурсы'),
          columns: years.map((y) => ({ key: `y${y}`, label: String(y), type: 'number' })),
          rows: [
            { key: 'public-budget', label: tr('Public budget for migration governance (US$)', 'Budget public consacré à la gouvernance des migrations (dollars des États-Unis)', 'Государственный бюджет на управление миграцией (долл. США)') },
            { key: 'cooperation-received', label: tr('Development cooperation received for migration (US$)', 'Coopération pour le développement reçue au titre des migrations (dollars des États-Unis)', 'Полученная помощь в целях развития в области миграции (долл. США)') },
            { key: 'cooperation-provided', label: tr('Development cooperation provided for migration (US$)', 'Coopération pour le développement fournie au titre des migrations (dollars des États-Unis)', 'Предоставленная помощь в целях развития в области миграции (долл. США)') },
            { key: 'trust-fund', label: tr('Contributions to the Migration Multi-Partner Trust Fund (US$)', 'Contributions au Fonds d’affectation spéciale pluripartenaires pour les migrations (dollars des États-Unis)', 'Взносы в Многосторонний целевой фонд по миграции (долл. США)') },
            { key: 'staff', label: tr('Staff of the national coordination mechanism (full-time equivalents)', 'Personnel du mécanisme national de coordination (équivalents temps plein)', 'Сотрудники национального координационного механизма (эквивалент полной занятости)') },
          ],
        },
      ],
    },
    {
      kind: 'section',
      key: 'conclusions',
      heading: tr('Challenges and conclusions', 'Difficultés et conclusions', 'Трудности и выводы'),
      children: [
        {
          kind: 'prose',
          key: 'conclusion',
          label: 'F',
          prompt: tr(
            'What are the main challenges ahead, and what conclusions and next steps does the Government draw from this review?',
            'Quelles sont les principales difficultés à venir, et quelles conclusions et prochaines étapes le Gouvernement tire-t-il du présent examen ?',
            'Каковы основные предстоящие трудности и какие выводы и дальнейшие шаги правительство определяет по итогам настоящего обзора?',
          ),
          wordGuidance: 500,
        },
      ],
    },
    {
      kind: 'attachment',
      key: 'annexes',
      label: 'G',
      prompt: tr(
        'Annexes: please attach the national implementation plan, statistical annexes and other documents the report refers to.',
        'Annexes : veuillez joindre le plan national de mise en œuvre, les annexes statistiques et les autres documents auxquels renvoie le rapport.',
        'Приложения: просьба приложить национальный план осуществления, статистические приложения и другие документы, на которые ссылается доклад.',
      ),
    },
  ],
};
