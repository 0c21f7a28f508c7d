import type { Footnote } from '../domain/response.ts';

/** A footnote as printed: its text, then any of its links the text does not already show. */
export function footnoteText(f: Footnote): string {
  const missing = f.urls.filter((u) => !f.text.includes(u));
  return [f.text, ...missing].filter((s) => s.trim() !== '').join(' ');
}
