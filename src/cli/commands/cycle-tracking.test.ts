// `gcm-review cycle tracking|remind` on an embedded database holding the demonstration data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCommand } from '../../../test/support/cli.ts';
import { loadConfig } from '../../config.ts';
import { demoCycleTitles, seedDemo } from '../../demo/seed.ts';
import { createServices, systemActor } from '../../services/index.ts';
import { openDatabase } from '../../store/database.ts';
import { registerCycleCommands } from './cycle.ts';

const run = (...args: string[]) => runCommand([registerCycleCommands], 'cycle', ...args);

test("the tracking table is printed and written as CSV and XLSX; remind sends to a State's coordinators", async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gcm-cycle-tracking-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const db = await openDatabase(loadConfig({}, { dataDir }));
  const services = createServices(db);
  await seedDemo(services);
  const regional = (await services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!;
  await db.close();

  const table = JSON.parse(await run('tracking', regional.id, '--json', '--data-dir', dataDir)) as { rows: { iso3: string; status: string }[] };
  assert.equal(table.rows.length, regional.invitedCount);
  assert.match(await run('tracking', regional.id, '--data-dir', dataDir), /^XAA\s+draft\s+\S+/m);

  const csv = join(dataDir, 't.csv');
  const xlsx = join(dataDir, 't.xlsx');
  assert.match(await run('tracking', regional.id, '--csv', csv, '--xlsx', xlsx, '--data-dir', dataDir), /^Wrote .* \(\d+ States\)/);
  assert.equal(readFileSync(csv, 'utf8').trim().split('\r\n').length, regional.invitedCount + 1);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsx);
  assert.equal(book.getWorksheet('Tracking')!.rowCount, regional.invitedCount + 1);

  const reminded = await run('remind', regional.id, '--state', 'XAA', '--url', 'https://review.example', '--data-dir', dataDir);
  assert.match(reminded, /^Reminded XAA \(Republic of Arvenia\): \S+@/m);
});
