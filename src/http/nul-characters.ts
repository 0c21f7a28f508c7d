// PostgreSQL cannot store the NUL character (U+0000) in text or jsonb: it answers with an error,
// which would surface as a 500. Text copied from PDFs can carry one, and anyone can put %00 in a
// URL, so an API request whose URL, query or body holds one is refused with a 400 naming the field.
import type { FastifyInstance } from 'fastify';
import { InvalidInput } from '../services/errors.ts';
import { isApiRequest } from './api-paths.ts';
import { fieldPath } from './problems.ts';

/** A path kept as a chain of links to its parent, so that deep nesting costs no copying. */
type Link = { key: string | number; parent: Link | undefined } | undefined;

function pathOf(link: Link): (string | number)[] {
  const path: (string | number)[] = [];
  for (let l = link; l; l = l.parent) path.unshift(l.key);
  return path;
}

/** Where the first string (or object key) holding U+0000 is in `root`, or undefined. Iterative: bodies may nest deeply. */
export function nulCharacterPath(root: unknown): (string | number)[] | undefined {
  const stack: { value: unknown; link: Link }[] = [{ value: root, link: undefined }];
  while (stack.length > 0) {
    const { value, link } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return pathOf(link);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], link: { key: i, parent: link } });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value).reverse()) {
        if (key.includes('\u0000')) return pathOf({ key, parent: link });
        stack.push({ value: v, link: { key, parent: link } });
      }
    }
  }
  return undefined;
}

const places = { params: 'the URL', query: 'the query string', body: 'the request body' } as const;

export function registerNulCharacterCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (!isApiRequest(request)) return;
    for (const place of ['params', 'query', 'body'] as const) {
      const path = nulCharacterPath(request[place]);
      if (!path) continue;
      const root = place === 'query' ? '(querystring)' : `(${place})`;
      throw new InvalidInput(`${places[place][0]!.toUpperCase()}${places[place].slice(1)} holds a NUL character (U+0000), which cannot be stored`, [
        { path: fieldPath(path, root), message: 'holds a NUL character (U+0000); remove it and try again' },
      ]);
    }
  });
}
