// Pure helpers for template files in the browser: which format a text is in, and how a
// template is offered as a file to download.
import type { Template } from '../../../domain/template.ts';

export type TemplateFormat = 'json' | 'yaml';

/** The extensions the add form offers; anything else is read by its content. */
export const templateFileTypes = ['.json', '.yaml', '.yml'];

/**
 * JSON or YAML, decided as the command line decides for a file: by the extension, else by the
 * text (JSON starts with "{" or "["). Pasted text has no name, so only its content counts.
 */
export function templateFormat(text: string, fileName?: string): TemplateFormat {
  const ext = /\.[^.]+$/.exec(fileName ?? '')?.[0]?.toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return /^\s*[[{]/.test(text.replace(/^\uFEFF/, '')) ? 'json' : 'yaml';
}

/** A template as the text of a .json file, indented like the built-in ones, ready to edit. */
export function templateFileText(t: Template): string {
  return `${JSON.stringify(t, null, 2)}\n`;
}
