// "The template in language L": a fixed-slot template (built-in, stored, or a cycle's template)
// translated through its item-model counterpart, the built-in questionnaire of the same id, which
// carries every text in each of its languages (apac-2020: en, fr, ru).
//
// A template is translated only when its own text is the counterpart's text in the counterpart's
// default language (placeholders aside: fixedSlotsIn in src/domain/questionnaire/fixed-slots.ts).
// A cycle's snapshot of apac-2020 is a copy of its fixed slots (derived from the questionnaire) and translates; a template
// whose words differ (a custom template, another wording) would be printed in words it never
// said, so only its own language is available. Pure and without Node APIs: the web app asks it
// which languages to offer for download.
import { fixedSlotLanguages, fixedSlotsIn } from '../domain/questionnaire/index.ts';
import type { Template } from '../domain/template.ts';
import { InvalidInput } from './errors.ts';

/** The languages a State may download the template in, its own first. */
export function templateLanguages(t: Template): string[] {
  return fixedSlotLanguages(t);
}

/**
 * The template with its text in `language` (as it is when none is asked); InvalidInput naming the
 * languages there are when it has not that one. The answers a form prints are never translated.
 */
export function templateIn(t: Template, language: string | undefined): Template {
  if (language === undefined) return t;
  const translated = fixedSlotsIn(t, language);
  if (!translated) throw new InvalidInput(`The template "${t.id}" is not available in "${language}"; available: ${templateLanguages(t).join(', ')}`);
  return translated;
}
