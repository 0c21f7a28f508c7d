// A questionnaire of the item model as the respondent sees it, in one of its languages: the head
// (title, meeting, introduction), then each item through the component of its kind (registry.ts),
// in the order of the form, with the answers of a response or blank. The form carries the `lang`
// and `dir` of its language; the app's own words in it are in that language when the app has it.
import { useMemo, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { walk, type Placed, type Questionnaire } from '../../../domain/questionnaire/questionnaire.ts';
import type { Answer, Item, ItemKind } from '../../../domain/questionnaire/registry.ts';
import type { ItemResponse } from '../../../domain/questionnaire/response.ts';
import { textIn } from '../../../domain/questionnaire/text.ts';
import { isLanguage } from '../../i18n/index.ts';
import { FormLanguageContext, Words, below, withPlaceholders, type FormLanguage, type HeadingLevel, type ItemProps } from './form.tsx';
import { FootnotesContext } from './ParagraphText.tsx';
import { itemComponents } from './registry.ts';

interface Props {
  questionnaire: Questionnaire;
  /** The language to show the form's text in; the template's default language when not given. */
  language?: string | undefined;
  /** The answers to show; none: the blank form. */
  response?: ItemResponse | undefined;
  /** Above the form, in the interface's language (the way back, print, downloads, the language picker). */
  tools?: ReactNode;
  /** Given: each item becomes an editor, and reports its whole new answer by the item's key. */
  onChange?: ((key: string, answer: Answer) => void) | undefined;
  /**
   * With onChange: only the items whose keys are here become editors (a contributor's assigned
   * questions); the others show as without onChange. A section's children follow their own keys.
   * Not given: every item is an editor.
   */
  editable?: ReadonlySet<string> | undefined;
  /** Inside a page that has its own h1 (a submission): the form's title is a second-level heading. */
  embedded?: boolean;
}

export function ItemQuestionnaire({ questionnaire: q, language = q.language, response, tools, onChange, editable, embedded = false }: Props) {
  const { i18n } = useTranslation();
  // The app's words inside the form: in the form's language when the app has a catalogue for it.
  const wordsLanguage = isLanguage(language) ? language : (i18n.resolvedLanguage ?? i18n.language);
  const { t: words } = useTranslation(undefined, { lng: wordsLanguage });
  const places = useMemo(() => new Map(walk(q).map((p) => [p.path.join('.'), p])), [q]);
  const form = useMemo<FormLanguage>(
    () => ({
      lang: language,
      text: (text) => textIn(text, language, q.language),
      rich: (text) => withPlaceholders(textIn(text, language, q.language), words as FormLanguage['words']),
      words: words as FormLanguage['words'],
      wordsLang: wordsLanguage === language ? undefined : wordsLanguage,
      respondentType: q.respondentType,
    }),
    [language, q.language, q.respondentType, words, wordsLanguage],
  );
  const { text, rich } = form;
  const footnotes = useMemo(() => new Set((response?.footnotes ?? []).map((f) => f.number)), [response?.footnotes]);
  const Title = embedded ? 'h2' : 'h1';
  const Whole = embedded ? 'div' : 'article';
  const meeting = q.meeting ? [text(q.meeting.name), q.meeting.place ? `, ${text(q.meeting.place)}` : '', q.meeting.dates ? ` (${text(q.meeting.dates)})` : ''].join('') : '';
  return (
    <FormLanguageContext.Provider value={form}>
      <FootnotesContext.Provider value={footnotes}>
      <Whole className="questionnaire" aria-labelledby={embedded ? undefined : 'page-heading'}>
        {tools}
        <div className="q-form" lang={language} dir={i18n.dir(language)} data-template={q.id}>
          <header className="q-header">
            <p className="q-header__eyebrow">
              <Words>{words(q.respondentType === 'state' ? 'questionnaire.forStates' : 'questionnaire.forStakeholders')}</Words>
            </p>
            <Title id={embedded ? undefined : 'page-heading'} tabIndex={-1}>
              {text(q.title)}
            </Title>
            {q.subtitle ? <p className="q-header__subtitle">{rich(q.subtitle)}</p> : null}
            {meeting ? <p className="q-header__meeting">{meeting}</p> : null}
          </header>
          {q.introduction.length ? (
            <div className="q-intro">
              {q.introduction.map((p, i) => (
                <p key={i}>{rich(p)}</p>
              ))}
            </div>
          ) : null}
          <Items items={q.items} path={['items']} level={2} places={places} response={response} onChange={onChange} editable={editable} />
          {q.closing ? <p className="q-closing">{rich(q.closing)}</p> : null}
        </div>
      </Whole>
      </FootnotesContext.Provider>
    </FormLanguageContext.Provider>
  );
}

interface ItemsProps {
  items: readonly Item[];
  path: (string | number)[];
  level: HeadingLevel;
  places: Map<string, Placed>;
  response: ItemResponse | undefined;
  onChange: Props['onChange'];
  editable: Props['editable'];
}

function Items({ items, path, ...rest }: ItemsProps) {
  return items.map((item, i) => <ItemView key={item.key ?? `${path.join('.')}.${i}`} item={item} path={[...path, i]} {...rest} />);
}

function ItemView({ item, path, level, places, response, onChange, editable }: Omit<ItemsProps, 'items'> & { item: Item }) {
  const place = places.get(path.join('.'));
  if (!place) throw new Error(`The item at ${path.join('.')} is not in the walk of its questionnaire.`);
  // The registry types each component for its own kind; here the kind is only known at run time.
  const Component = itemComponents[item.kind] as ComponentType<ItemProps<ItemKind>>;
  const given = item.key === undefined ? undefined : response?.answers[item.key];
  const answer = given?.kind === item.kind ? given : undefined;
  const children =
    item.kind === 'section' ? (
      <Items items={item.children as Item[]} path={[...path, 'children']} level={item.heading ? below(level) : level} places={places} response={response} onChange={onChange} editable={editable} />
    ) : undefined;
  const key = item.key;
  const change = onChange && key !== undefined && (!editable || editable.has(key)) ? (a: Answer) => onChange(key, a) : undefined;
  return (
    <Component item={item} place={place} level={level} answer={answer} onChange={change}>
      {children}
    </Component>
  );
}
