// What every item component shares: its props (the item, its place, its answer and, for an
// editor, onChange), the form's language, and headings at the level the item stands.
import { createContext, useContext, type ReactNode } from 'react';
import { PLACEHOLDER, placeholderNames, type PlaceholderName } from '../../../domain/placeholders.ts';
import type { AnswerOf, ItemKind, ItemOf } from '../../../domain/questionnaire/registry.ts';
import type { Placed } from '../../../domain/questionnaire/questionnaire.ts';
import type { Text } from '../../../domain/questionnaire/text.ts';

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** The props of the component of one kind of item. */
export interface ItemProps<K extends ItemKind> {
  item: ItemOf<K>;
  /** Where the item stands in the form: its printed number ("1a"), its sections, what it concerns. */
  place: Placed;
  /** The level of the item's own heading (a section's children stand one level below it). */
  level: HeadingLevel;
  /** The answer given, if any: none shows the blank form. */
  answer?: AnswerOf<K> | undefined;
  /**
   * Given, the component is an editor (answering online) and calls it with the whole new answer;
   * not given, it is read-only: its controls are disabled (an attachment is always read-only).
   */
  onChange?: ((answer: AnswerOf<K>) => void) | undefined;
  /** A section's items, already rendered one level below it. */
  children?: ReactNode;
}

/** The language the form's text is shown in, and the interface words used inside the form. */
export interface FormLanguage {
  /** The form's language (the `lang` of the rendered form). */
  lang: string;
  /** A text of the template in the form's language (the server sends it localised; translations fall back to the template's default). */
  text: (text: Text) => string;
  /** The same, to show: a placeholder no cycle filled ("{deadline}" in a blank template) is named in words. */
  rich: (text: Text) => ReactNode;
  /** The app's own words inside the form (headings like "Consent to publish", "About 500 words"): in the form's language when the app has it. */
  // A plain signature: i18next's own types over the whole catalogue are too deep for the compiler in every item component.
  words: (key: string, options?: Record<string, unknown>) => string;
  /** The language of those words when it is not the form's (they are marked with it); undefined when it is. */
  wordsLang: string | undefined;
  /** Who answers the form: a State's coordinating office or a stakeholder's organisation. */
  respondentType: 'state' | 'stakeholder';
}

export const FormLanguageContext = createContext<FormLanguage | null>(null);

export function useFormLanguage(): FormLanguage {
  const form = useContext(FormLanguageContext);
  if (!form) throw new Error('An item is rendered outside ItemQuestionnaire.');
  return form;
}

/** A heading of the form at the given level. */
export function Heading({ level, id, className, children }: { level: HeadingLevel; id?: string; className?: string; children: ReactNode }) {
  const H = `h${level}` as const;
  return (
    <H id={id} className={className}>
      {children}
    </H>
  );
}

/** "1a. " before a prompt or heading, when the item has a number. */
export function ItemNumber({ number }: { number: string | undefined }) {
  return number ? (
    <>
      <span className="q-number">{number}.</span>{' '}
    </>
  ) : null;
}

/** The app's words inside the form, marked with their language when it is not the form's. */
export function Words({ children }: { children: ReactNode }) {
  const { wordsLang } = useFormLanguage();
  return wordsLang ? <span lang={wordsLang}>{children}</span> : <>{children}</>;
}

/** The next heading level down (a page has no deeper level than h6). */
export function below(level: HeadingLevel): HeadingLevel {
  return Math.min(level + 1, 6) as HeadingLevel;
}

const placeholderWords = {
  'meeting.name': 'items.placeholders.meetingName',
  'meeting.place': 'items.placeholders.meetingPlace',
  'meeting.dates': 'items.placeholders.meetingDates',
  deadline: 'items.placeholders.deadline',
  returnTo: 'items.placeholders.returnTo',
  copyTo: 'items.placeholders.copyTo',
  commission: 'items.placeholders.commission',
} as const satisfies Record<PlaceholderName, string>;

const isPlaceholderName = (name: string): name is PlaceholderName => (placeholderNames as readonly string[]).includes(name);

/** A text with each placeholder still in it ("{deadline}") shown as what a cycle will put there ("the cycle’s deadline"). */
export function withPlaceholders(text: string, words: FormLanguage['words']): ReactNode {
  if (!text.includes('{')) return text;
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (!isPlaceholderName(name)) continue;
    parts.push(text.slice(last, m.index));
    parts.push(
      <span key={m.index} className="q-placeholder" title={words('items.placeholders.title')}>
        {words(placeholderWords[name])}
      </span>,
    );
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
