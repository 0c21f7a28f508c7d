// `gcm-review import` as an operator runs it: one file, a folder, and storing into a cycle.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { createServices, systemActor } from '../../src/services/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { runCli } from '../support/cli-process.ts';
import { fixedSlots } from '../support/fixed-slots.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures/import', name);
const fixtures = ['arvenia-pdf.txt', 'belmora-word.txt', 'coralia-messy.txt'];

function cli(...args: string[]) {
  return runCli(['import', ...args]);
}

describe('gcm-review import', () => {
  const work = mkdtempSync(join(tmpdir(), 'gcm-import-cli-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const folder = join(work, 'returns');

  it('prints the response and the import report as JSON', () => {
    const r = cli(fixture('belmora-word.txt'), '--json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.state, { iso3: 'XAB', name: 'Kingdom of Belmora' });
    assert.deepEqual(Object.keys(json).filter((k) => k !== 'templateId' && k !== 'attachments'), ['schemaVersion', 'state', 'contact', 'consent', 'answers', 'principles', 'footnotes', 'import']);
    assert.deepEqual(Object.keys(json.import.accounting), ['charsIn', 'charsPlaced', 'charsTemplate', 'charsUnplaced']);
  });

  it('prints a readable summary with the accounting and the warnings', () => {
    const r = cli(fixture('coralia-messy.txt'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^coralia-messy\.txt read with template apac-2020$/m);
    assert.match(r.stdout, /^Characters: +\d+ in \/ \d+ placed \/ \d+ template \/ 0 unplaced$/m);
    assert.match(r.stdout, /^ {2}warning line 8: The country "Federated Isles of Coralia"/m);
    assert.match(r.stdout, /^ {2}1b +2 paragraph\(s\) \(numbered 4-5\)/m);
  });

  it('imports a folder: one line per file, a table, and exit code 1 when a file fails', () => {
    mkdirSync(folder);
    for (const f of fixtures) copyFileSync(fixture(f), join(folder, f));
    writeFileSync(join(folder, 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const r = cli(folder);
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.stderr.split('\n').filter((l) => l.startsWith('[')).map((l) => l.replace(/:.*/, '')),
      ['[1/4] arvenia-pdf.txt', '[2/4] belmora-word.txt', '[3/4] coralia-messy.txt', '[4/4] scan.png'],
    );
    const rows = r.stdout.trim().split('\n');
    assert.match(rows[0]!, /^FILE +STATE +PARAGRAPHS +FOOTNOTES +WARNINGS +RESULT$/);
    assert.match(rows[1]!, /^arvenia-pdf\.txt +XAA +29 +6 +\d+ +read$/);
    assert.match(rows[3]!, /^coralia-messy\.txt +- +9 +3 +\d+ +read$/);
    assert.match(rows[4]!, /^scan\.png .*failed: scan\.png: This file cannot be imported: it looks like a PNG image/);
    assert.match(r.stderr, /1 of 4 file\(s\) failed/);
  });

  it('names every built-in template when --template names none there is, without a database', () => {
    const r = cli(fixture('belmora-word.txt'), '--template', 'no-such-form', '--data-dir', join(work, 'nowhere'));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /There is no template "no-such-form"\. Built-in templates: apac-2020, imrf-national-report, stakeholder-round-tables;/);
  });

  it('refuses a file past an import limit with a message naming the limit; in a folder, the other files are read', () => {
    const limits = join(work, 'limits');
    mkdirSync(limits);
    // One line of a megabyte: within the file size, far past the length of a line.
    writeFileSync(join(limits, 'one-line.txt'), `${'migration '.repeat(104_858)}\n`);
    copyFileSync(fixture('belmora-word.txt'), join(limits, 'belmora-word.txt'));
    const one = cli(join(limits, 'one-line.txt'));
    assert.equal(one.code, 1);
    assert.equal(one.stdout, '');
    assert.match(one.stderr, /^gcm-review: one-line\.txt: The text file was refused: line 1 holds 1,048,580 characters, more than the import limit of 200,000 characters in one line\./m);
    const batch = cli(limits);
    assert.equal(batch.code, 1);
    assert.match(batch.stdout, /^belmora-word\.txt +XAB .* read$/m);
    assert.match(batch.stdout, /^one-line\.txt .*failed: one-line\.txt: The text file was refused: line 1 holds 1,048,580 characters, more than the import limit of 200,000 characters in one line\./m);
  });

  it('stores each file as a new draft version of its State; a file without a known State fails alone', async () => {
    const dataDir = join(work, 'data');
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    let cycleId: string;
    try {
      const cycle = await createServices(db).cycles.create(systemActor, {
        title: 'Fictional review 2020',
        templateId: 'apac-2020',
        region: 'escap',
        deadline: '2020-08-31',
        returnAddresses: [],
        invitedStates: ['XAA', 'XAB', 'XAC'],
      });
      cycleId = cycle.id;
    } finally {
      await db.close();
    }
    rmSync(join(folder, 'scan.png'));
    const batch = cli(folder, '--into', cycleId, '--data-dir', dataDir);
    assert.equal(batch.code, 1, batch.stderr);
    assert.match(batch.stdout, /^arvenia-pdf\.txt +XAA .*stored as version 1 of Republic of Arvenia$/m);
    assert.match(batch.stdout, /^belmora-word\.txt +XAB .*stored as version 1 of Kingdom of Belmora$/m);
    assert.match(batch.stdout, /^coralia-messy\.txt .*failed: coralia-messy\.txt: the country in the contact block \("Federated Isles of Coralia"\) is not a State we know; give the State with --state ISO3\.$/m);

    const one = cli(fixture('coralia-messy.txt'), '--into', cycleId, '--state', 'XAC', '--data-dir', dataDir);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /stored as version 1 of Federated Islands of Coralia/);
    // Stored on top of the version the submission had when the command started.
    const again = cli(fixture('belmora-word.txt'), '--into', cycleId, '--data-dir', dataDir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /stored as version 2 of Kingdom of Belmora/);

    const reopened = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      const services = createServices(reopened);
      const versions = await services.submissions.versions(systemActor, cycleId, 'XAA');
      assert.deepEqual(
        versions.map((v) => [v.version, v.source, v.note]),
        [[1, 'import', 'arvenia-pdf.txt']],
      );
      const coralia = await services.submissions.get(systemActor, cycleId, 'XAC');
      assert.deepEqual(coralia.response.state, { iso3: 'XAC', name: 'Federated Islands of Coralia' });
      assert.equal(fixedSlots(coralia.response).answers.find((a) => a.question === '1b')!.paragraphs[1]!.footnotes[0], 3);
    } finally {
      await reopened.close();
    }
  });
});
