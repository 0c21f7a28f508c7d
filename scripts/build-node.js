#!/usr/bin/env node
// Compiles the server and the command line (src/, except src/web which Vite builds, and the tests)
// into dist/node as a few bundled files: the command line's entry (cli/main.js), one file per
// command that it imports when that command runs, and the chunks they share (chunks/), each holding
// our code and the dependencies it uses. Loading ~800 small modules (ours and those of fastify,
// drizzle, zod...) was a third of `serve`'s start-up: Node resolves, reads and compiles each one;
// a few bundled files cost a fraction of that. The bundle still splits where the code imports
// lazily (esbuild's code splitting), so `--help` loads the entry and the list of commands only, and
// `template list` neither the server nor the database nor the document libraries.
//
// dist/node/bundle.json says which of our modules and which packages each output file holds, for
// the tests that check what a command loads (test/integration/bin.test.ts).
//
// esbuild, not tsc: it strips the types exactly as tsx does when the tests run the sources (tsx is
// esbuild underneath), so the tests and the compiled code run the same JavaScript; and it takes
// about a second where `tsc` takes 15-25 s here. Types are checked by `npm run typecheck`.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'dist/node');
/** Built here, then put in place of dist/node at once: a process starting meanwhile sees a whole build. */
const next = join(root, `dist/node.next-${process.pid}`);
/** Written last: bin/gcm-review.js compares its time with the sources' to tell a stale build. */
const stamp = '.built';

const isTest = (file) => /\.test\.tsx?$/.test(file);
const files = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath ?? e.path, e.name))
  .filter((file) => !relative(src, file).startsWith(`web${sep}`) && !isTest(file));
// Files read at run time next to the code that reads them (the demo responses): copied as they are.
const assets = files.filter((f) => !/\.tsx?$/.test(f));

/**
 * Packages left outside the bundle, loaded from node_modules as they are: those that find files of
 * their own next to their code (PGlite's WebAssembly, pdfjs's fonts and worker, the API reference's
 * pages), native addons, the PostgreSQL driver's optional native part, and the development tools.
 * @fastify/cookie too: it loads the CommonJS `cookie` package with `await import('cookie')`, which
 * in a split bundle gives a module with only a default export, so its named functions are missing
 * (sign-in answered 500); loaded by Node itself, the import has them.
 */
const external = [
  '@fastify/cookie',
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  'pdfjs-dist',
  'pdfjs-dist/*',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  '@node-rs/argon2',
  'pg',
  'pg-native',
  'vite',
  'tsx',
  'tsx/*',
];

/**
 * Our modules find files beside themselves from import.meta.url (the demo responses, the import
 * worker): in a bundle that would be the URL of the chunk. Each such module gets instead the URL
 * its own compiled file would have, dist/node/<path>.js, found from the package's root
 * (src/package-root.ts finds it from wherever it runs, and keeps its own import.meta.url).
 */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(b) {
    const packageRoot = join(src, 'package-root.ts');
    b.onResolve({ filter: /^gcm:dist-url$/ }, () => ({ path: 'dist-url', namespace: 'gcm' }));
    b.onLoad({ filter: /.*/, namespace: 'gcm' }, () => ({
      contents: `import { packagePath } from ${JSON.stringify(packageRoot)};
        import { pathToFileURL } from 'node:url';
        export const distUrl = (path) => pathToFileURL(packagePath('dist/node', path)).href;`,
      resolveDir: src,
      loader: 'js',
    }));
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (!args.path.startsWith(src + sep) || args.path === packageRoot) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const compiled = relative(src, args.path).split(sep).join('/').replace(/\.tsx?$/, '.js');
      return {
        contents: `import { distUrl as __gcmDistUrl } from 'gcm:dist-url';\n${text.replaceAll('import.meta.url', `__gcmDistUrl(${JSON.stringify(compiled)})`)}`,
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

const started = performance.now();
rmSync(next, { recursive: true, force: true });
process.on('exit', () => rmSync(next, { recursive: true, force: true })); // a failed build leaves nothing behind
const { metafile } = await build({
  // The command line, and the store modules scripts/build-pglite-image.js uses.
  entryPoints: ['cli/main.ts', 'store/database.ts', 'store/image.ts'].map((f) => join(src, f)),
  outdir: next,
  outbase: src,
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  external,
  plugins: [ownUrls],
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // CommonJS packages in an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __gcmCreateRequire } from 'node:module'; const require = __gcmCreateRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});
// The import pool's worker, as CommonJS files (src/ingest/pool.ts starts worker.cjs when present):
// a worker thread starts without Node's startup snapshot and compiles all its code afresh, which
// for a PDF was about 0.4 s before the first page was read. worker.cjs (src/ingest/worker-boot.ts)
// loads worker-main.cjs (the importer: src/ingest/worker.ts and what it uses) and, for PDFs only,
// pdfjs.cjs (pdfjs's two halves), each compiled with the V8 code cache an earlier run left
// (src/ingest/code-cache.ts).
const workerBuild = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  // import.meta.url (the PDF reader finds pdfjs's files from it) as CommonJS can give it.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
};
/**
 * pdfjs loads @napi-rs/canvas (a native library of 30 MB: 50-70 ms of CPU, more to read it from
 * disk) as it loads, for the drawing classes it gives Node (DOMMatrix, ImageData, Path2D). Reading
 * text draws nothing: in the bundle, each class stands for the real one and loads the library
 * the first time it is used. pdfjs also makes one DOMMatrix as it loads (SCALE_MATRIX, for
 * drawing paths), which would load the library all the same: it is made when first used. The
 * build fails when pdfjs no longer loads or uses them this way.
 */
const canvasOnFirstUse = {
  name: 'canvas-on-first-use',
  setup(b) {
    b.onLoad({ filter: /pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      // The load as pdfjs starts (`canvas = require(...)`), not the one when drawing (`const canvas = require(...)`).
      const eager = /(?<!const )canvas = require\("@napi-rs\/canvas"\);/g;
      if (text.match(eager)?.length !== 1) throw new Error(`${args.path}: pdfjs no longer loads @napi-rs/canvas as ${eager}; update scripts/build-node.js`);
      const lazy = `canvas = ((load) => {
        let real;
        const canvas = () => (real ??= load("@napi-rs/canvas"));
        const lazyClass = (name) => new Proxy(function () {}, {
          construct: (_, args) => new (canvas()[name])(...args),
          get: (_, key) => canvas()[name][key],
        });
        return { DOMMatrix: lazyClass("DOMMatrix"), ImageData: lazyClass("ImageData"), Path2D: lazyClass("Path2D") };
      })(require);`;
      // `const SCALE_MATRIX = new DOMMatrix();` and its uses (`SCALE_MATRIX.a = …`): made on first use.
      const scale = /\bSCALE_MATRIX\b/g;
      const declared = 'const SCALE_MATRIX = new DOMMatrix();';
      if (text.split(declared).length !== 2) throw new Error(`${args.path}: pdfjs no longer makes SCALE_MATRIX as "${declared}"; update scripts/build-node.js`);
      const contents = text
        .replace(eager, () => lazy)
        .replace(declared, 'let SCALE_MATRIX;')
        .replace(scale, (name, at, all) => (all.startsWith('let SCALE_MATRIX;', at - 4) ? name : '(SCALE_MATRIX ??= new DOMMatrix())'));
      return { contents, loader: 'js' };
    });
  },
};
await build({ ...workerBuild, entryPoints: [join(src, 'ingest/worker.ts')], outfile: join(next, 'ingest/worker-main.cjs'), external: ['pdfjs-dist', 'pdfjs-dist/*'] });
await build({
  ...workerBuild,
  stdin: {
    contents: "export * as pdf from 'pdfjs-dist/legacy/build/pdf.mjs';\nexport * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';\n",
    resolveDir: root,
    loader: 'js',
  },
  outfile: join(next, 'ingest/pdfjs.cjs'),
  // Optional packages pdfjs asks for at run time (canvas drawing), left for Node to find or not.
  external: ['@napi-rs/canvas'],
  plugins: [canvasOnFirstUse],
});
// Built last: it is given the hash that names each file's code cache (src/ingest/code-cache.ts).
const codeHashes = Object.fromEntries(['worker-main.cjs', 'pdfjs.cjs'].map((f) => [f, createHash('sha256').update(readFileSync(join(next, 'ingest', f))).digest('hex').slice(0, 16)]));
await build({ ...workerBuild, entryPoints: [join(src, 'ingest/worker-boot.ts')], outfile: join(next, 'ingest/worker.cjs'), define: { ...workerBuild.define, __GCM_CODE_HASHES__: JSON.stringify(codeHashes) } });
for (const file of assets) {
  const to = join(next, relative(src, file));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(file, to);
}
writeFileSync(join(next, 'bundle.json'), `${JSON.stringify(contentsOf(metafile), null, 1)}\n`);
writeFileSync(join(next, stamp), `${new Date().toISOString()}\n`);
// Swap the new build in: the old one is moved aside first (a rename cannot replace a full folder).
const old = join(root, `dist/node.old-${process.pid}`);
let moved = false;
try {
  renameSync(out, old);
  moved = true;
} catch (err) {
  if (err.code !== 'ENOENT') throw err;
}
renameSync(next, out);
if (moved) rmSync(old, { recursive: true, force: true });

const outputs = Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'));
const inputs = Object.keys(metafile.inputs);
console.log(
  `Compiled ${inputs.filter((f) => !f.includes('node_modules')).length} modules and ${inputs.filter((f) => f.includes('node_modules')).length} of dependencies into ${outputs.length} files in ${relative(root, out)} in ${Math.round(performance.now() - started)} ms`,
);

/** For each output file (relative to dist/node): our modules in it (relative to src/) and the packages bundled in it. */
function contentsOf(meta) {
  const files = {};
  for (const [output, { inputs: parts }] of Object.entries(meta.outputs)) {
    if (!output.endsWith('.js')) continue;
    const modules = new Set();
    const packages = new Set();
    for (const input of Object.keys(parts)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
      if (pkg) packages.add(pkg);
      else if (input.startsWith('src/')) modules.add(input.slice('src/'.length));
    }
    files[relative(next, join(root, output)).split(sep).join('/')] = { modules: [...modules].sort(), packages: [...packages].sort() };
  }
  return files;
}
