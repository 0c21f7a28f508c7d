// fillPlaceholders (../placeholders.ts) for the item model: the placeholders of a questionnaire's
// texts filled from a review cycle's terms. Apart from ../placeholders.ts so that its readers of
// fixed-slot templates do not load the item model.
import { cycleValues, PLACEHOLDER, type CycleTerms } from '../placeholders.ts';
import { templateTexts } from './localize.ts';
import type { Questionnaire } from './questionnaire.ts';
import { isTranslations, textIn, type Text } from './text.ts';

/**
 * fillPlaceholders for the item model: every text of the questionnaire (each kind's texts(), and
 * the head) filled, each language of a translated text with the words of that language where the
 * placeholder falls back to the template's own meeting. For a cycle, `meeting` becomes its meeting.
 */
export function fillQuestionnairePlaceholders(q: Questionnaire, cycle?: CycleTerms): Questionnaire {
  const values: Partial<Record<string, string>> = cycle ? cycleValues(cycle) : {};
  const m = q.meeting;
  const own: Partial<Record<string, Text | undefined>> = { 'meeting.name': m?.name, 'meeting.place': m?.place, 'meeting.dates': m?.dates };
  const fill = (text: string, lang: string) =>
    text.includes('{')
      ? text.replace(PLACEHOLDER, (whole, name: string, words: string | undefined) => {
          const mine = own[name];
          return values[name] ?? words ?? (mine === undefined ? undefined : textIn(mine, lang, q.language)) ?? whole;
        })
      : text;
  const out = structuredClone(q);
  for (const t of templateTexts(q)) {
    const filled = isTranslations(t.text) ? Object.fromEntries(Object.entries(t.text).map(([lang, s]) => [lang, fill(s, lang)])) : fill(t.text, q.language);
    let node = out as unknown as Record<string | number, unknown>;
    for (const step of t.path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    node[t.path.at(-1)!] = filled;
  }
  const meeting = cycle?.meeting;
  return meeting ? { ...out, meeting: { ...meeting } } : out;
}
