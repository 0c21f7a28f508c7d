#!/usr/bin/env node
// Builds dist/pglite-image: an embedded store already created, migrated and holding the States,
// which a new data folder is unpacked from instead of being made step by step (initdb, every
// migration, 205 States: 10 s or more of CPU). Run by `npm run build` after scripts/build-node.js,
// whose compiled code it uses. An image made from the same PGlite, migrations and States is kept
// (`--force` remakes it). The store falls back to the step-by-step way when the image is missing
// or was made for other migrations or another PGlite.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
const compiled = await Promise.all([import('../dist/node/store/database.js'), import('../dist/node/store/image.js')]).catch((err) => {
  console.error(`build-pglite-image: the compiled code is missing (${err.message}); run scripts/build-node.js first.`);
  process.exit(1);
});
const [{ createPgliteImage }, { currentImageFingerprint, defaultImageFolder, readImageManifest }] = compiled;
const where = relative(root, defaultImageFolder);

const current = currentImageFingerprint();
const built = readImageManifest();
if (!process.argv.includes('--force') && built && Object.entries(current).every(([key, value]) => built[key] === value)) {
  console.log(`The embedded store image in ${where} is up to date (built ${built.builtAt}).`);
} else {
  const manifest = await createPgliteImage();
  console.log(`Built the embedded store image in ${where} (PGlite ${manifest.pglite}, migrations ${manifest.migrations}) in ${Math.round(performance.now() - started)} ms`);
}
