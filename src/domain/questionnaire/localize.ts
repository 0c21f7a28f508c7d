// The texts of a questionnaire in form order, and what is done with them: the form in one
// language (localize), the texts a language lacks (missingTranslations), and the words an importer
// recognises the form by, in any of its languages (formWords).
import { textAt, textsAt, type ItemText } from './kind.ts';
import { formatPath, languagesOf, walk, type Questionnaire } from './questionnaire.ts';
import { kindOf } from './registry.ts';
import { languagesOf as textLanguages, textIn, type Text } from './text.ts';

/** A text of the template, where it is (from the template's root) and the item it belongs to. */
export interface TemplateText extends ItemText {
  item?: string;
}

/** Every text of the template in reading order: the head, each item (a section before its children), the closing. */
export function templateTexts(q: Questionnaire): TemplateText[] {
  const head = [
    ...textAt(['name'], q.name, 'printed'),
    ...textAt(['title'], q.title, 'marker'),
    ...textAt(['subtitle'], q.subtitle, 'printed'),
    ...textAt(['meeting', 'name'], q.meeting?.name, 'printed'),
    ...textAt(['meeting', 'place'], q.meeting?.place, 'printed'),
    ...textAt(['meeting', 'dates'], q.meeting?.dates, 'printed'),
    ...textsAt(['introduction'], q.introduction, 'printed'),
  ];
  const items = walk(q).flatMap(({ item, path }) =>
    kindOf(item)
      .texts(item)
      .map((t) => ({ ...t, path: [...path, ...t.path], ...(item.key !== undefined ? { item: item.key } : {}) })),
  );
  return [...head, ...items, ...textAt(['closing'], q.closing, 'printed')];
}

/**
 * The template with every text in `lang` (each falling back to the default language where it has
 * no translation). If the template is not offered in `lang`, its default language is used.
 */
export function localize(q: Questionnaire, lang: string): Questionnaire {
  const language = languagesOf(q).includes(lang) ? lang : q.language;
  const out = structuredClone(q);
  for (const t of templateTexts(q)) setAt(out, t.path, textIn(t.text, language, q.language));
  return { ...out, language, languages: [language] };
}

export interface MissingTranslation {
  /** Where the text is: "items[3].children[0].prompt". */
  path: string;
  item?: string;
  /** The text in the default language, to say which one it is. */
  text: string;
  missing: string[];
}

/**
 * The texts that lack a translation into a language the template claims. A plain string counts as
 * written in the default language; a text with no letters outside placeholders ("2021",
 * "{meeting.name}") reads the same in every language.
 */
export function missingTranslations(q: Questionnaire): MissingTranslation[] {
  const claimed = languagesOf(q);
  return templateTexts(q).flatMap((t) => {
    if (!/\p{L}/u.test(textIn(t.text, q.language, q.language).replace(/\{[^{}]*\}/g, ''))) return [];
    const given = textLanguages(t.text, q.language);
    const missing = claimed.filter((l) => !given.includes(l));
    return missing.length ? [{ path: formatPath(t.path), ...(t.item ? { item: t.item } : {}), text: textIn(t.text, q.language, q.language), missing }] : [];
  });
}

/** A text of the form as printed in one language, for an importer to find in a document. */
export interface FormWord {
  text: string;
  role: ItemText['role'];
  /** The item it belongs to; none for the form's head and closing. */
  item?: string;
  path: string;
}

/** The form's texts as printed in `lang`, in reading order. */
export function formWords(q: Questionnaire, lang: string = q.language): FormWord[] {
  return templateTexts(q).map((t) => ({ text: textIn(t.text, lang, q.language), role: t.role, ...(t.item ? { item: t.item } : {}), path: formatPath(t.path) }));
}

function setAt(root: object, path: readonly (string | number)[], value: Text): void {
  let node = root as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}
