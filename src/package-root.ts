// Where the package's own files are (templates/, migrations/, schemas/, dist/web/). The code runs
// from two places, the sources in src/ (tests, `npm run dev`) and the compiled copy in dist/node/,
// at different depths; both find the root the same way: the nearest folder above with a package.json.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}: the package's files are not where they were installed.`);
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. packagePath('templates/') (a trailing slash is kept). */
export function packagePath(...parts: string[]): string {
  return join(packageRoot, ...parts);
}
