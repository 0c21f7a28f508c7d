// Records which modules a process loads, to check and measure what a command costs:
//   RECORD_MODULES=/tmp/loaded.txt node --import ./scripts/record-modules.js bin/gcm-review.js --help
// writes the file URL of every module loaded (ES modules as the loader sees them, CommonJS ones
// from require's cache, which the ES loader hooks of Node 20 do not see) to RECORD_MODULES, one a
// line, when the process exits. Built-in modules (node:*) are left out.
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.RECORD_MODULES;
if (!file) throw new Error('record-modules: set RECORD_MODULES to the file to write the list of loaded modules to');
writeFileSync(file, '');

// Loader hooks run on a thread of their own; appending as each module loads keeps nothing to flush.
const hooks = `
  import { appendFileSync } from 'node:fs';
  let file;
  export function initialize(data) { file = data.file; }
  export async function load(url, context, next) {
    if (url.startsWith('file:')) appendFileSync(file, url + '\\n');
    return next(url, context);
  }`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { file } });

const requireCache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const commonJs = Object.keys(requireCache).map((path) => pathToFileURL(path).href);
  if (commonJs.length > 0) appendFileSync(file, commonJs.join('\n') + '\n');
});
