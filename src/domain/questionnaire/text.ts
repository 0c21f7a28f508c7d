// Localised text. Every text of a questionnaire (titles, prompts, instructions, principle names,
// contact labels, consent wording, option labels) is either a plain string, written in the
// template's default language, or translations keyed by language code:
//   "prompt": { "en": "Country", "fr": "Pays", "ru": "Страна" }
// Texts may hold the cycle's placeholders ({meeting.name}, {deadline}, …): here they are opaque
// text, filled in by whoever prints the form for a cycle.
import { z } from 'zod';

/** A language code: "en", "fr", "ru", "zh", "es", "ar", or a regional variant such as "pt-BR". */
export const Lang = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language code such as "en", "fr" or "pt-BR"');
export type Lang = z.infer<typeof Lang>;

const NonEmpty = z.string().trim().min(1, 'must not be empty');

export const Translations = z
  .record(Lang, NonEmpty)
  .refine((t) => Object.keys(t).length > 0, 'give the text in at least one language, e.g. { "en": "…" }');
export type Translations = z.infer<typeof Translations>;

/** A text of the form: one string, or the same text in several languages. */
export const Text = z.union([NonEmpty, Translations]);
export type Text = z.infer<typeof Text>;

/** A translations object (as opposed to a plain string). */
export function isTranslations(text: Text): text is Translations {
  return typeof text !== 'string';
}

/**
 * The text in `lang`; otherwise in `fallback` (the template's default language); otherwise in the
 * first language it is given in. A plain string is the same in every language.
 */
export function textIn(text: Text, lang: string, fallback: string): string {
  if (!isTranslations(text)) return text;
  return text[lang] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}

/** The languages a text is given in; a plain string counts as the template's default language. */
export function languagesOf(text: Text, defaultLang: string): string[] {
  return isTranslations(text) ? Object.keys(text) : [defaultLang];
}
