// LibreOffice as a real, independent reader and writer of our files in tests: it opens the DOCX
// we export (proving a real reader accepts it) and turns fixtures into PDF. Conversions are cached
// by content, so a test run converts each distinct file once (LibreOffice takes seconds to start).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import type { TestContext } from 'node:test';
import { unzipSync } from 'fflate';
import { testEnv } from '../../src/config.ts';

const run = promisify(execFile);
const candidates = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];
const cacheDir = join(tmpdir(), 'gcm-review-office-cache');

export const SOFFICE_MISSING =
  'LibreOffice is not installed (no soffice; Debian package libreoffice-writer-nogui), so this test cannot convert files.';

export function sofficePath(): string | undefined {
  return candidates.find((p) => existsSync(p));
}

export function sofficeAvailable(): boolean {
  return sofficePath() !== undefined;
}

/**
 * Skips the test (with the reason) when LibreOffice is missing, or fails it when REQUIRE_ALL=1.
 * Returns true when the test can go on.
 */
export function needOffice(t: TestContext): boolean {
  if (sofficeAvailable()) return true;
  if (testEnv.requireAll) throw new Error(`${SOFFICE_MISSING} REQUIRE_ALL=1 forbids skipping.`);
  t.skip(SOFFICE_MISSING);
  return false;
}

export type OfficeTarget = 'pdf' | 'txt' | 'docx';

const filters: Record<OfficeTarget, string> = {
  pdf: 'pdf:writer_pdf_Export',
  txt: 'txt:Text (encoded):UTF8',
  docx: 'docx:MS Word 2007 XML',
};

/**
 * Converts a file with LibreOffice and returns the converted file's path. `input` is a path or
 * the bytes of a file whose type `inputExt` names ("docx"). Throws with LibreOffice's own output
 * when the conversion fails.
 */
export async function convert(input: string | Uint8Array, toExt: OfficeTarget, inputExt = 'docx'): Promise<string> {
  const soffice = sofficePath();
  if (!soffice) throw new Error(SOFFICE_MISSING);
  const bytes = typeof input === 'string' ? readFileSync(input) : input;
  const ext = typeof input === 'string' ? extname(input).slice(1) || inputExt : inputExt;
  const key = contentKey(bytes, ext);
  const workDir = join(cacheDir, key);
  const source = join(workDir, `source.${ext}`);
  const target = join(workDir, 'out', `source.${toExt}`);
  if (existsSync(target)) return target;
  mkdirSync(join(workDir, 'out'), { recursive: true });
  writeFileSync(source, bytes);
  const profile = profileDir();
  const args = [
    '--headless', '--norestore', '--nolockcheck', '--nodefault', '--nologo',
    `-env:UserInstallation=file://${profile}`,
    '--convert-to', filters[toExt], '--outdir', join(workDir, 'out'), source,
  ];
  const result = await run(soffice, args, { timeout: 180_000 }).catch((err: Error & { stdout?: string; stderr?: string }) => err);
  if (!existsSync(target)) {
    const output = result instanceof Error ? `${result.message} ${result.stderr ?? ''}` : `${result.stdout} ${result.stderr}`;
    throw new Error(`LibreOffice did not convert ${basename(source)} to ${toExt}: ${output.trim()}`);
  }
  return target;
}

let profile: string | undefined;
/** A LibreOffice profile of our own per process (two test files may convert at once), removed at exit. */
function profileDir(): string {
  if (!profile) {
    const dir = join(tmpdir(), `gcm-review-soffice-profile-${process.pid}`);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    profile = dir;
  }
  return profile;
}

/**
 * A hash of what a file says. For a DOCX the creation time in docProps/core.xml is left out: our
 * exports differ in it from one second to the next, and would otherwise be converted every run.
 */
function contentKey(bytes: Uint8Array, ext: string): string {
  const hash = createHash('sha256').update(ext);
  if (ext === 'docx') {
    const parts = unzipSync(bytes);
    for (const name of Object.keys(parts).sort()) if (name !== 'docProps/core.xml') hash.update(name).update(parts[name]!);
  } else {
    hash.update(bytes);
  }
  return hash.digest('hex').slice(0, 24);
}
