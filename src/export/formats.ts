// The download formats of a response, shared by the HTTP routes and the CLI: what each is called,
// its media type, its bytes, and the file name it is saved under.
import type { ExportForm } from './form-layout.ts';
import { formText } from './txt.ts';

export { exportForm, type ExportForm } from './form-layout.ts';

export const exportFormats = ['docx', 'txt', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportMediaTypes: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
};

/**
 * The response as a file: a Word document or text laid out like the form (any template of the item
 * model; a stored fixed-slot one through exportForm), or as JSON the response as it is stored
 * (`stored`; the form's ItemResponse when not given).
 */
export async function renderExport(form: ExportForm, format: ExportFormat, stored: unknown = form.response): Promise<Uint8Array> {
  switch (format) {
    case 'docx':
      // Loaded when a Word file is first asked for: the docx library weighs about 10 MB in a server that may never write one.
      return (await import('./docx.ts')).formDocx(form);
    case 'txt':
      return new TextEncoder().encode(formText(form));
    case 'json':
      return new TextEncoder().encode(JSON.stringify(stored, null, 2) + '\n');
  }
}

/**
 * "XAA-asia-pacific-regional-review-2020-v3.docx": who answered, to what, which version. Only
 * letters, digits and hyphens, so the name is safe in any file system and in a header.
 */
export function exportFileName(parts: { iso3?: string | null | undefined; title: string; version?: number | undefined; format: ExportFormat }): string {
  const name = [parts.iso3 ? parts.iso3.toUpperCase() : 'response', slug(parts.title), parts.version !== undefined ? `v${parts.version}` : '']
    .filter(Boolean)
    .join('-');
  return `${name}.${parts.format}`;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
}
