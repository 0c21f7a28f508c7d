// `gcm-review cycle list|show` on an embedded database holding the demonstration data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../test/support/cli.ts';
import { loadConfig } from '../../config.ts';
import { demoCycleTitles, seedDemo } from '../../demo/seed.ts';
import { createServices } from '../../services/index.ts';
import { openDatabase } from '../../store/database.ts';
import { CliError } from '../output.ts';
import { registerCycleCommands } from './cycle.ts';

const run = (...args: string[]) => runCommand([registerCycleCommands], 'cycle', ...args);

test('cycles are listed with the ids that import --into takes, and a cycle shows who has answered', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cycle-cli-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const db = await openDatabase(loadConfig({}, { dataDir }));
  await seedDemo(createServices(db));
  await db.close();

  const cycles = JSON.parse(await run('list', '--json', '--data-dir', dataDir)) as { id: string; title: string }[];
  const regional = cycles.find((c) => c.title === demoCycleTitles.regional);
  assert.ok(regional, 'the demonstration cycle is listed');
  assert.match(await run('list', '--data-dir', dataDir), new RegExp(`^${regional.id}\\s+Asia-Pacific Regional Review 2020 \\(demonstration\\)\\s+apac-2020\\s+2030-08-31\\s+open\\s+65$`, 'm'));

  const shown = await run('show', regional.id, '--data-dir', dataDir);
  assert.match(shown, /^XAA\s+Republic of Arvenia\s+draft\s+1\s+\S+$/m);
  assert.match(shown, /^KHM\s+Cambodia\s+not-started\s+0\s+-$/m);
  await assert.rejects(run('show', '00000000-0000-0000-0000-000000000000', '--data-dir', dataDir), (e: unknown) => e instanceof CliError && /not found/.test(e.message));
});
