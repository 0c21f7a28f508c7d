// Maps the `errors` of a problem document onto the fields of a form.
import type { FieldError } from '../api.ts';
import { i18n } from '../i18n/index.ts';

/** How the items of a list field are named in a message: "Line 2: …". */
export type ItemNoun = 'item' | 'line' | 'state';

/**
 * Groups messages by form field. A server path such as "returnAddresses[1]" or "meeting.name"
 * is matched to the longest field key it starts with ("returnAddresses", "meeting.name");
 * anything that matches no field is returned under "" to be shown above the form.
 * `itemNouns` names the items of list fields ("line" for a textarea with one entry a line), so
 * "returnAddresses[1]" reads "Line 2: …".
 */
export function errorsByField(
  errors: readonly FieldError[],
  fields: readonly string[],
  itemNouns: Record<string, ItemNoun> = {},
): Record<string, string[]> {
  const byLength = [...fields].sort((a, b) => b.length - a.length);
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    // Accept "a.b[0]", "/a/b/0" (JSON pointer) and a leading "body." from request validators.
    const path = e.path
      .replace(/^\/?body[./]?/, '')
      .replace(/^\//, '')
      .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
      .replace(/\//g, '.');
    const field = byLength.find((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`)) ?? '';
    const index = field ? /^\[(\d+)\]/.exec(path.slice(field.length))?.[1] : undefined;
    const noun = itemNouns[field] ?? 'item';
    const message = index === undefined ? e.message : i18n.t(`fieldErrors.${noun}`, { number: Number(index) + 1, message: e.message });
    (out[field] ??= []).push(message);
  }
  return out;
}
