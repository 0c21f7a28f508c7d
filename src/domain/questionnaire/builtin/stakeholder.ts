// A short questionnaire for stakeholders (whole-of-society approach): the organisation and its
// kind, one question per IMRF round table (generated from the reference clusters), consent to
// publish. English, French and Russian.
import { clusters } from '../../reference.ts';
import type { QuestionnaireInput } from '../questionnaire.ts';
import { clusterTitle, consentChoice, numberList, tr } from './gcm-terms.ts';

export const stakeholderQuestionnaire: QuestionnaireInput = {
  id: 'stakeholder-round-tables',
  version: 1,
  name: tr('Stakeholder questionnaire, by round table', 'Questionnaire des parties prenantes, par table ronde', 'Вопросник для заинтересованных сторон по круглым столам'),
  title: tr(
    'Stakeholder questionnaire on the implementation of the Global Compact for Safe, Orderly and Regular Migration',
    'Questionnaire à l’intention des parties prenantes sur la mise en œuvre du Pacte mondial pour des migrations sûres, ordonnées et régulières',
    'Вопросник для заинтересованных сторон об осуществлении Глобального договора о безопасной, упорядоченной и легальной миграции',
  ),
  respondentType: 'stakeholder',
  language: 'en',
  languages: ['en', 'fr', 'ru'],
  introduction: [
    tr(
      'The Global Compact is implemented with a whole-of-society approach. This short questionnaire asks migrants’ associations, civil society, trade unions, employers, local authorities and academia for their views ahead of {meeting.name}. Please answer the round tables your organisation works on, in about 300 words each.',
      'Le Pacte mondial est mis en œuvre selon une approche mobilisant l’ensemble de la société. Ce court questionnaire recueille les vues des associations de migrants, de la société civile, des syndicats, des employeurs, des autorités locales et des milieux universitaires en vue de {meeting.name}. Veuillez répondre pour les tables rondes sur lesquelles travaille votre organisation, en 300 mots environ pour chacune.',
      'Глобальный договор осуществляется на основе общесоциального подхода. Этот короткий вопросник предлагает объединениям мигрантов, гражданскому обществу, профсоюзам, работодателям, местным органам власти и научным кругам высказать свое мнение в преддверии мероприятия «{meeting.name}». Просьба ответить по тем круглым столам, тематикой которых занимается ваша организация, примерно в 300 словах по каждому.',
    ),
  ],
  items: [
    {
      kind: 'contact',
      key: 'organisation',
      introduction: tr('Please tell us about your organisation.', 'Veuillez présenter votre organisation.', 'Просьба рассказать о вашей организации.'),
      fields: [
        { key: 'organisation', label: tr('Name of the organisation', 'Nom de l’organisation', 'Название организации') },
        { key: 'country', label: tr('Country', 'Pays', 'Страна'), type: 'country' },
        { key: 'website', label: tr('Website', 'Site Web', 'Веб-сайт'), type: 'url', required: false },
        { key: 'name', label: tr('Contact person', 'Personne à contacter', 'Контактное лицо') },
        { key: 'email', label: tr('E-mail', 'Courriel', 'Электронная почта'), type: 'email' },
      ],
      afterword: tr('Please answer by {deadline}.', 'Veuillez répondre avant le {deadline}.', 'Просьба ответить до {deadline}.'),
    },
    {
      kind: 'choice',
      key: 'organisation-kind',
      prompt: tr('What kind of organisation is it?', 'De quel type d’organisation s’agit-il ?', 'К какому типу относится ваша организация?'),
      options: [
        { value: 'civil-society', label: tr('Civil society organisation', 'Organisation de la société civile', 'Организация гражданского общества') },
        { value: 'migrants-association', label: tr('Migrants’ or diaspora association', 'Association de migrants ou de la diaspora', 'Объединение мигрантов или диаспоры') },
        { value: 'trade-union', label: tr('Trade union', 'Syndicat', 'Профсоюз') },
        { value: 'employer', label: tr('Employer or business association', 'Employeur ou organisation patronale', 'Работодатель или объединение предпринимателей') },
        { value: 'local-authority', label: tr('Local or regional authority', 'Autorité locale ou régionale', 'Местный или региональный орган власти') },
        { value: 'academia', label: tr('Academia or research institute', 'Université ou institut de recherche', 'Научное или исследовательское учреждение') },
        { value: 'other', label: tr('Other (please specify)', 'Autre (veuillez préciser)', 'Другое (просьба уточнить)'), specify: true },
      ],
    },
    {
      kind: 'section',
      key: 'round-tables',
      heading: tr('The round tables', 'Les tables rondes', 'Круглые столы'),
      introduction: [
        tr(
          'The questions follow the four round tables of the International Migration Review Forum (General Assembly resolution 73/326, para 21). For each: what has changed for migrants since the last review, what has your organisation done, and what should governments do next?',
          'Les questions suivent les quatre tables rondes du Forum d’examen des migrations internationales (résolution 73/326 de l’Assemblée générale, par. 21). Pour chacune : qu’est-ce qui a changé pour les migrants depuis le dernier examen, qu’a fait votre organisation, et que devraient faire les gouvernements ?',
          'Вопросы соответствуют четырем круглым столам Форума по обзору международной миграции (резолюция 73/326 Генеральной Ассамблеи, пункт 21). По каждому из них: что изменилось для мигрантов после предыдущего обзора, что сделала ваша организация и что следует сделать правительствам?',
        ),
      ],
      children: clusters.map((c) => {
        const title = clusterTitle(c.number);
        const objectives = numberList(c.objectives);
        return {
          kind: 'prose',
          key: `round-table-${c.number}`,
          label: String(c.number),
          prompt: tr(
            `Round table ${c.number}: ${title.en} (objectives ${objectives.en}).`,
            `Table ronde ${c.number} : ${title.fr} (objectifs ${objectives.fr}).`,
            `Круглый стол ${c.number}: ${title.ru} (цели ${objectives.ru}).`,
          ),
          wordGuidance: 300,
          concerns: { clusters: [c.number], objectives: [...c.objectives] },
        };
      }),
    },
    consentChoice(
      tr(
        'May your answers be published, with the name of your organisation, in the regional review and on the website of the United Nations Network on Migration?',
        'Vos réponses peuvent-elles être publiées, avec le nom de votre organisation, dans l’examen régional et sur le site Web du Réseau des Nations Unies sur les migrations ?',
        'Могут ли ваши ответы быть опубликованы с указанием названия вашей организации в региональном обзоре и на веб-сайте Сети Организации Объединенных Наций по вопросам миграции?',
      ),
    ),
  ],
};
