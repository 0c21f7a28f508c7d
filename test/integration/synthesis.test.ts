// `gcm-review synthesize` on a cycle with three fictional States (answers written for the tests,
// synthesis-states.ts) that submit and are accepted: JSON, XLSX read back with exceljs, Word read
// by LibreOffice (skipped, saying so, when it is missing). The service refuses a State's user.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { registerSynthesizeCommand } from '../../src/cli/commands/synthesize.ts';
import { fromFixedSlots, toLegacyResponse } from '../../src/domain/questionnaire/legacy.ts';
import type { Template } from '../../src/domain/template.ts';
import { createServices, systemActor } from '../../src/services/index.ts';
import type { CycleSynthesis } from '../../src/services/synthesis.ts';
import type { Services } from '../../src/services/types.ts';
import { openDatabase } from '../../src/store/database.ts';
import { runCommand } from '../support/cli.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { convert, needOffice } from '../support/office.ts';
import { arvenianAnswers, belmoranAnswers, coralianAnswers, stakeholderAnswers } from './synthesis-states.ts';

const work = mkdtempSync(join(tmpdir(), 'gcm-synthesis-'));
const dataDir = join(work, 'data');
after(() => rmSync(work, { recursive: true, force: true }));

async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir, databaseUrl: undefined });
  try {
    return await fn(createServices(db));
  } finally {
    await db.close();
  }
}

describe('gcm-review synthesize', () => {
  let cycleId = '';
  const synthesize = (...args: string[]) => runCommand([registerSynthesizeCommand], 'synthesize', cycleId, '--data-dir', dataDir, ...args);

  before(async () => {
    cycleId = await withServices(cycleOfThree);
  });

  it('writes the synthesis as JSON: the submissions handed in, objectives, matrices, figures', async () => {
    const out = join(work, 'synthesis.json');
    await synthesize('--out', out);
    const s = JSON.parse(readFileSync(out, 'utf8')) as CycleSynthesis;
    assert.deepEqual(s.submissions.map((x) => [x.iso3, x.status]).sort(), [['XAA', 'accepted'], ['XAB', 'submitted'], ['XAC', 'accepted']]);
    assert.equal(s.scope, 'handed-in');
    const o23 = s.objectives.find((o) => o.number === 23)!;
    assert.deepEqual(o23.states.map((c) => c.iso3).sort(), ['XAA', 'XAB']);
    assert.equal(o23.excerpts[0]?.evidence[0], 'Objective 23');
    assert.deepEqual(s.objectiveMatrix.map((r) => r.iso3).sort(), ['XAA', 'XAB', 'XAC']);
    assert.ok(s.figures.some((f) => f.iso3 === 'XAB' && f.unit === 'USD' && f.paragraph === 4 && f.question === '3b'));
    assert.deepEqual(s.challenges.map((c) => c.question).sort(), ['1c', '2c', '3c']);
    assert.equal(s.principleMatrix.find((r) => r.iso3 === 'XAA')?.values[s.principleKeys.indexOf('gender-responsive')], 'no');
  });

  it('writes XLSX with the Objectives, Principles, Figures and Excerpts sheets', async () => {
    const out = join(work, 'synthesis.xlsx');
    await synthesize('--out', out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    assert.deepEqual(book.worksheets.map((w) => w.name), ['Objectives', 'Principles', 'Figures', 'Excerpts']);
    const objectives = book.getWorksheet('Objectives')!;
    assert.equal(objectives.getCell('A1').value, 'ISO3');
    assert.equal(objectives.getCell(1, 4 + 22).value, 'O23');
    const rows = objectives.getSheetValues().slice(2) as unknown[][];
    const belmora = rows.find((r) => r[1] === 'XAB')!;
    assert.equal(belmora[2], 'Kingdom of Belmora');
    assert.equal(belmora[4 + 22], 1, 'Belmora: one paragraph on objective 23');
    const principles = book.getWorksheet('Principles')!;
    assert.equal(principles.getCell(1, 4).value, 'People-centred');
    const figures = (book.getWorksheet('Figures')!.getSheetValues().slice(2) as unknown[][]).map((r) => [r[1], r[4], r[5], r[8]]);
    assert.ok(figures.some((f) => f.join() === 'XAB,3b,4,USD'), JSON.stringify(figures));
    const excerpts = book.getWorksheet('Excerpts')!.getSheetValues().slice(2) as unknown[][];
    assert.ok(excerpts.some((r) => r[4] === 13 && String(r[9]).includes('detention of children')));
  });

  it('writes Word that LibreOffice opens, with round tables, objectives, excerpts and the table', async (t) => {
    const out = join(work, 'synthesis.docx');
    await synthesize('--out', out);
    if (!needOffice(t)) return;
    const text = readFileSync(await convert(out, 'txt'), 'utf8');
    assert.match(text, /Synthesis: Synthesis review/);
    assert.match(text, /Round table 2: Protecting migrants/);
    assert.match(text, /Objective 13: /);
    assert.match(text, /Immigration detention of children ended in 2021.*Kingdom of Belmora, question 2b, paragraph 2/s);
    assert.match(text, /States × objectives/);
    assert.match(text, /Kingdom of Belmora, question 3b, paragraph 4: USD 2\.1 billion \(2,100,000,000 USD, remittances, 2022\)/);
    assert.match(text, /Kingdom of Belmora, question 2b, paragraph 2: 2021\n/);
    assert.match(text, /Gaps and challenges[\s\S]*cost of consular services/);
  });

  it('refuses an unknown extension and a cycle that does not exist', async () => {
    await assert.rejects(synthesize('--out', join(work, 'x.pdf')), /use \.json, \.xlsx, \.docx/);
    await assert.rejects(
      runCommand([registerSynthesizeCommand], 'synthesize', '00000000-0000-4000-8000-000000000000', '--data-dir', dataDir, '--out', join(work, 'y.json')),
      /review cycle .* was not found/,
    );
  });

  it('is the secretariat’s: a State’s coordinator may not synthesise', async () => {
    await withServices(async (services) => {
      const person = await addUser(services, 'state-coordinator', 'XAA');
      await assert.rejects(services.synthesis.cycle(person.actor, cycleId), /Only the secretariat synthesises a cycle/);
      const analyst = await addUser(services, 'secretariat-analyst');
      assert.equal((await services.synthesis.cycle(analyst.actor, cycleId)).submissions.length, 3);
    });
  });
  // Last: it takes Belmora's submission back to a draft.
  it('leaves out a draft unless --all', async () => {
    await withServices(async (services) => {
      const { version } = await services.submissions.get(systemActor, cycleId, 'XAB');
      await services.submissions.transition(systemActor, cycleId, 'XAB', { action: 'withdraw', baseVersion: version });
    });
    const handedIn = join(work, 'handed-in.json');
    await synthesize('--out', handedIn);
    assert.deepEqual((JSON.parse(readFileSync(handedIn, 'utf8')) as CycleSynthesis).submissions.map((x) => x.iso3).sort(), ['XAA', 'XAC']);
    const out = join(work, 'all.json');
    await synthesize('--out', out, '--all');
    const all = JSON.parse(readFileSync(out, 'utf8')) as CycleSynthesis;
    assert.equal(all.scope, 'all');
    assert.deepEqual(all.submissions.map((x) => [x.iso3, x.status]).sort(), [['XAA', 'accepted'], ['XAB', 'draft'], ['XAC', 'accepted']]);
  });
});

/** An open apac-2020 cycle where Arvenia, Belmora and Coralia have submitted; Belmora's stays submitted, the others are accepted. Its id. */
async function cycleOfThree(services: Services): Promise<string> {
  const cycle = await services.cycles.create(systemActor, {
    title: 'Synthesis review',
    templateId: 'apac-2020',
    region: 'escap',
    deadline: '2030-06-30',
    returnAddresses: [],
    invitedStates: ['XAA', 'XAB', 'XAC'],
    status: 'open',
  });
  const questionnaire = fromFixedSlots((await services.cycles.template(systemActor, cycle.id)) as Template);
  for (const [iso3, answers] of [['XAA', arvenianAnswers()], ['XAB', belmoranAnswers()], ['XAC', coralianAnswers()]] as const) {
    const saved = await services.submissions.saveDraft(systemActor, cycle.id, iso3, toLegacyResponse(questionnaire, answers), { baseVersion: 0 });
    await services.submissions.transition(systemActor, cycle.id, iso3, { action: 'submit', baseVersion: saved.version });
    if (iso3 !== 'XAB') await services.submissions.transition(systemActor, cycle.id, iso3, { action: 'accept', baseVersion: saved.version });
  }
  return cycle.id;
}

await describeEachBackend('the synthesis service', (t) => {
  let cycleId = '';
  before(async () => {
    cycleId = await cycleOfThree(t.services);
  });

  it('gives the secretariat the synthesis of the submissions handed in', async () => {
    const analyst = await addUser(t.services, 'secretariat-analyst');
    const seen: string[] = [];
    const s = await t.services.synthesis.cycle(analyst.actor, cycleId, { onProgress: (done, total, iso3) => seen.push(`${done}/${total} ${iso3}`) });
    assert.deepEqual(seen, ['1/3 XAC', '2/3 XAB', '3/3 XAA']);
    assert.deepEqual(s.objectives.find((o) => o.number === 13)?.states.map((c) => c.iso3), ['XAB']);
    assert.deepEqual(s.clusters.find((c) => c.number === 4)?.states.map((c) => [c.iso3, c.paragraphs]), [['XAC', 1], ['XAB', 1], ['XAA', 2]]);
  });

  it('labels the replies to a stakeholders’ questionnaire (a cycle of the item model) as stakeholders’', async () => {
    const cycle = await t.services.cycles.create(systemActor, {
      title: 'Stakeholders',
      templateId: 'stakeholder-round-tables',
      region: 'escap',
      deadline: '2030-06-30',
      returnAddresses: [],
      invitedStates: ['XAC'],
      status: 'open',
    });
    await t.services.submissions.saveDraft(systemActor, cycle.id, 'XAC', stakeholderAnswers().response, { baseVersion: 0 });
    assert.equal((await t.services.synthesis.cycle(systemActor, cycle.id)).submissions.length, 0, 'a draft is not handed in');
    const s = await t.services.synthesis.cycle(systemActor, cycle.id, { scope: 'all' });
    assert.deepEqual(s.respondents.map((r) => [r.iso3, r.respondent]), [['XAC', 'stakeholder']]);
    const o23 = s.objectives.find((o) => o.number === 23)!;
    assert.deepEqual([o23.states.length, o23.stakeholders.map((c) => c.iso3)], [0, ['XAC']]);
    assert.equal(o23.excerpts[0]?.respondent, 'stakeholder');
  });

  it('refuses a State, an anonymous visitor, a scope it does not know and a cycle that does not exist', async () => {
    const coordinator = await addUser(t.services, 'state-coordinator', 'XAA');
    await assert.rejects(t.services.synthesis.cycle(coordinator.actor, cycleId), { status: 403 });
    await assert.rejects(t.services.synthesis.cycle(null, cycleId), { status: 401 });
    await assert.rejects(t.services.synthesis.cycle(systemActor, cycleId, { scope: 'every' as never }), /There is no scope "every"/);
    await assert.rejects(t.services.synthesis.cycle(systemActor, '00000000-0000-4000-8000-000000000000'), { status: 404 });
  });
});
