// The key that signs session cookies. From the configuration when given; otherwise generated
// once and kept in the data folder (readable by the owner only), so restarts keep sessions.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const sessionSecretFile = 'session-secret';

export async function resolveSessionSecret(config: { sessionSecret: string | undefined; dataDir: string }): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret;
  const path = join(config.dataDir, sessionSecretFile);
  try {
    const kept = (await readFile(path, 'utf8')).trim();
    if (kept.length >= 32) return kept;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(path, secret + '\n', { mode: 0o600 });
  await chmod(path, 0o600); // the mode above is filtered by the umask
  return secret;
}
