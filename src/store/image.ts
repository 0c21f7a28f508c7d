// The pre-built image of a new embedded store: a PGlite data folder already created, migrated and
// holding the States, made at build time (scripts/build-pglite-image.js, part of `npm run build`).
// A new data folder is unpacked from it in a fraction of a second, where creating one step by step
// (initdb, every migration, the 205 States) costs 10 s or more of CPU. An image made for other
// migrations or another PGlite is not used: the store is then created step by step.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { packagePath } from '../package-root.ts';
import { migrationsFingerprint } from './migrate.ts';
import { referenceStatesJson } from './organisations.ts';

/** Where `npm run build` puts the image. */
export const defaultImageFolder = packagePath('dist/pglite-image');

const tarballName = 'pgdata.tar.gz';
const manifestName = 'manifest.json';

/**
 * What an image was made from. It is used only for the same PGlite and migrations; States that
 * changed since are brought up to date on open, like any store's, and make the build remake it.
 */
export interface ImageManifest {
  pglite: string;
  migrations: string;
  states: string;
  builtAt: string;
}

/** What an image made now would be made from. */
export function currentImageFingerprint(): Omit<ImageManifest, 'builtAt'> {
  return { pglite: pgliteVersion(), migrations: migrationsFingerprint(), states: createHash('sha256').update(referenceStatesJson()).digest('hex').slice(0, 32) };
}

/** The manifest of the image in `folder`, if there is one. */
export function readImageManifest(folder: string = defaultImageFolder): ImageManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(folder, manifestName), 'utf8')) as ImageManifest;
  } catch {
    return undefined;
  }
}

function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The tarball of the image in `folder` if it matches this installation, or why not. */
export function findImage(folder: string = defaultImageFolder): { tarball: string } | { unusable: string } {
  const manifest = readImageManifest(folder);
  if (!manifest) return { unusable: `no image in ${folder}` };
  const current = currentImageFingerprint();
  if (manifest.pglite !== current.pglite) return { unusable: `the image is for PGlite ${manifest.pglite}, not ${current.pglite}` };
  if (manifest.migrations !== current.migrations) return { unusable: 'the image was made for other migrations' };
  return { tarball: join(folder, tarballName) };
}

/** Writes an image (a gzipped tar of a data folder, as PGlite's dumpDataDir makes) and its manifest into `folder`. */
export function writeImage(folder: string, tarball: Uint8Array): ImageManifest {
  const manifest: ImageManifest = { ...currentImageFingerprint(), builtAt: new Date().toISOString() };
  mkdirSync(folder, { recursive: true });
  // The manifest last, each written aside and renamed: a half-written image is never taken for a good one.
  rmSync(join(folder, manifestName), { force: true });
  writeAtomically(join(folder, tarballName), tarball);
  writeAtomically(join(folder, manifestName), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

function writeAtomically(file: string, data: Uint8Array | string): void {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, file);
}

/**
 * Unpacks the image into `dir`, which must not exist or be empty: into a folder beside it first,
 * renamed into place at the end, so that a process killed halfway leaves no half-made store.
 */
export function unpackImage(tarball: string, dir: string): void {
  const parent = dirname(dir);
  const prefix = `${dir.slice(parent.length + 1)}.partial-`;
  mkdirSync(parent, { recursive: true });
  // The caller holds the store's lock: a partial folder left beside it is from a process that died.
  for (const name of readdirSync(parent)) if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true });
  const partial = join(parent, `${prefix}${process.pid}`);
  try {
    extractTar(gunzipSync(readFileSync(tarball)), partial);
    removeEmptyFolder(dir); // made earlier, e.g. by hand: rename cannot replace a folder everywhere
    renameSync(partial, dir);
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

function removeEmptyFolder(dir: string): void {
  try {
    rmdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Extracts a ustar archive of plain files and folders (what PGlite's dumpDataDir writes) into `into`. */
function extractTar(tar: Buffer, into: string): void {
  mkdirSync(into, { recursive: true, mode: 0o700 });
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break; // end of archive
    const name = field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const target = normalize(join(into, name));
    if (!target.startsWith(into + sep) || name.length >= 100) throw new Error(`The store image holds an unexpected entry "${name}".`);
    const data = tar.subarray(at + 512, at + 512 + size);
    if (type === '5') mkdirSync(target, { recursive: true, mode: 0o700 });
    else if (type === '0' || type === '\0') {
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      writeFileSync(target, data, { mode: 0o600 });
    } else throw new Error(`The store image holds an entry of type "${type}" (${name}), which a data folder never has.`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

function field(header: Buffer, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? length : end).toString('utf8');
}
