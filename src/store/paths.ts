// Where the embedded database lives in a data folder. Kept apart from database.ts so that commands
// which only ask whether there is a database (`template list`) need not load the drivers.
import { join } from 'node:path';

/** Where the embedded database of a data folder lives. */
export function pgliteDir(dataDir: string): string {
  return join(dataDir, 'pglite');
}
