#!/usr/bin/env node
// Compiles the server and the command line (src/, except src/web which Vite builds, and the tests)
// into dist/node: one .js file for each .ts file, imports pointed at the .js files, so every module
// stays a module of its own and a command's dynamic import() still loads only what it needs.
//
// esbuild, not tsc: it strips the types exactly as tsx does when the tests run the sources (tsx is
// esbuild underneath), so the tests and the compiled code run the same JavaScript; and it takes
// well under a second where `tsc` takes 15-25 s here. Types are checked by `npm run typecheck`.
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'dist/node');
/** Written last: bin/gcm-review.js compares its time with the sources' to tell a stale build. */
const stamp = join(out, '.built');

const isTest = (file) => /\.test\.tsx?$/.test(file);
const files = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath ?? e.path, e.name))
  .filter((file) => !relative(src, file).startsWith(`web${sep}`) && !isTest(file));
const code = files.filter((f) => /\.tsx?$/.test(f));
// Files read at run time next to the code that reads them (the demo responses): copied as they are.
const assets = files.filter((f) => !/\.tsx?$/.test(f));

/** Every relative import stays an import of another compiled file, renamed from .ts to .js. JSON
 * imports (package.json, the GCM reference data) are compiled in, so their path does not matter. */
const oneFilePerModule = {
  name: 'one-file-per-module',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => (args.path.endsWith('.json') ? undefined : { path: args.path.replace(/\.tsx?$/, '.js'), external: true }));
  },
};

const started = performance.now();
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: code,
  outdir: out,
  outbase: src,
  bundle: true,
  packages: 'external',
  plugins: [oneFilePerModule],
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  logLevel: 'warning',
});
// The import pool's worker, also as one CommonJS file (src/ingest/pool.ts starts it when present):
// a worker thread starts without Node's startup snapshot, and loading one file there instead of
// about 120 modules (the importer, the domain, zod) saves a tenth of a second on every
// `gcm-review import`. pdfjs stays outside, loaded only for PDFs.
await build({
  entryPoints: [join(src, 'ingest/worker.ts')],
  outfile: join(out, 'ingest/worker.cjs'),
  bundle: true,
  external: ['pdfjs-dist', 'pdfjs-dist/*'],
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  // import.meta.url (the PDF reader finds pdfjs's files from it) as CommonJS can give it.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
for (const file of assets) {
  const to = join(out, relative(src, file));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(file, to);
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.log(`Compiled ${code.length} modules into ${relative(root, out)} in ${Math.round(performance.now() - started)} ms`);
