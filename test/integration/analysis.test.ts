// The analysis through its surfaces: `gcm-review analyze` on the seed questionnaire (read from
// ../shared, never copied here) and on a stored submission, and over HTTP the vocabulary the
// secretariat reads and its administrators change, and a submission's analysis for its readers.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { registerAnalyzeCommand } from '../../src/cli/commands/analyze.ts';
import { testEnv } from '../../src/config.ts';
import type { Analysis } from '../../src/domain/analysis/types.ts';
import { emptyResponse, type Response } from '../../src/domain/response.ts';
import { createServices, systemActor } from '../../src/services/index.ts';
import type { Template } from '../../src/domain/template.ts';
import type { Actor, Services } from '../../src/services/types.ts';
import { openDatabase } from '../../src/store/database.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { runCommand } from '../support/cli.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

const seedPath = fileURLToPath(new URL('../../../shared/seeds/000_b049ce0a491c43b1.txt', import.meta.url));
const present = existsSync(seedPath);
const skip = !present && !testEnv.requireAll ? `the seed questionnaire is not at ${seedPath}` : false;

const work = mkdtempSync(join(tmpdir(), 'gcm-analysis-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('gcm-review analyze on the seed questionnaire', { skip }, () => {
  let a: Analysis;
  // No database in this folder: the built-in vocabulary.
  const noDatabase = join(work, 'none');

  before(async () => {
    assert.ok(present, `REQUIRE_ALL=1 but the seed questionnaire is missing: ${seedPath}`);
    a = JSON.parse(await runCommand([registerAnalyzeCommand], 'analyze', seedPath, '--json', '--data-dir', noDatabase)) as Analysis;
  });

  it('tags paragraph 72 with objectives 1, 11 and 23 from their explicit mentions', () => {
    const p72 = a.paragraphs.find((p) => p.number === 72)!;
    assert.equal(p72.question, '4a');
    const explicit = p72.objectives.filter((o) => o.evidence.mentions.length > 0);
    assert.deepEqual(
      explicit.map((o) => o.number),
      [1, 11, 23],
    );
    assert.deepEqual(explicit.map((o) => o.evidence.mentions), [['Objective 1'], ['Objective 11'], ['Objective 23']]);
    assert.ok(explicit.every((o) => o.confidence >= 0.9));
  });

  it('flags "two objectives" followed by three named', () => {
    const check = a.checks.find((c) => c.code === 'stated-count' && c.paragraph === 72);
    assert.ok(check, JSON.stringify(a.checks.filter((c) => c.code === 'stated-count')));
    assert.match(check.message, /two objectives.*3: objectives 1, 11 and 23/);
  });

  it('extracts the figures with their paragraph numbers, what they count and their year', () => {
    const find = (value: number, unit: string, paragraph: number) => {
      const f = a.figures.find((x) => x.value === value && x.unit === unit && x.paragraph === paragraph);
      assert.ok(f, `no ${value} ${unit} in paragraph ${paragraph}`);
      return f;
    };
    const workers = find(22700, 'count', 1);
    assert.deepEqual([workers.what, workers.year], ['documented migrant workers', 2020]);
    assert.equal(find(1100000, 'count', 1).what, 'Cambodian citizens');
    const abroad = find(1100000, 'count', 27);
    assert.deepEqual([abroad.what, abroad.year, abroad.raw], ['citizens abroad', 2020, 'over 1,100,000']);
    const women = find(54, 'percent', 27);
    assert.deepEqual([women.what, women.year], ['women', 2020]);
    assert.equal(find(54, 'percent', 1).what, 'women');
    const remittances = find(1.43e9, 'USD', 54);
    assert.deepEqual([remittances.raw, remittances.what, remittances.year], ['USD1.43 billion', 'remittances', 2018]);
    assert.deepEqual(find(13300, 'count', 1).what, 'men');
    const range = a.figures.find((f) => f.raw === 'between USD1,900 – USD2,100');
    assert.deepEqual([range?.value, range?.unit, range?.paragraph], [{ from: 1900, to: 2100 }, 'USD', 4]);
    const dates = a.figures.find((f) => f.raw === 'from 06 to 23 June 2014');
    assert.deepEqual(dates?.value, { from: '2014-06-06', to: '2014-06-23' });
  });

  it('names the MOUs with their countries', () => {
    const japan = a.mentions.find((m) => m.kind === 'agreement' && m.countries.includes('JPN'));
    assert.equal(japan?.text, 'Memorandum of Understanding (MOU) with Japan');
    assert.ok(a.mentions.some((m) => m.kind === 'agreement' && m.countries.join() === 'KWT,QAT'));
  });

  it('prints the same for a person without --json', async () => {
    const text = await runCommand([registerAnalyzeCommand], 'analyze', seedPath, '--data-dir', noDatabase);
    assert.match(text, /^ {2}4a +¶72 +1 \(0\.95: "Objective 1"\); 11 \(0\.95: "Objective 11"\); 23 \(0\.95: "Objective 23"\)/m);
    assert.match(text, /stated-count +Paragraph 72 speaks of "two objectives" but names 3/);
    assert.match(text, /¶54 +USD1\.43 billion +1,430,000,000 +USD +remittances +2018/);
  });
});

describe('gcm-review analyze --submission, with the analyst’s vocabulary', () => {
  const dataDir = join(work, 'data');

  async function withServices<T>(fn: (services: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      return await fn(createServices(db));
    } finally {
      await db.close();
    }
  }

  it('analyses the current version, with the stored terms and the cycle’s deadline', async () => {
    const cycleId = await withServices(async (services) => {
      const id = await cycleWithArvenia(services, systemActor);
      await services.analysis.setVocabulary(systemActor, 20, { terms: ['hawala', 'remittance*'] });
      return id;
    });
    const a = JSON.parse(await runCommand([registerAnalyzeCommand], 'analyze', '--submission', `${cycleId}:xaa`, '--json', '--data-dir', dataDir)) as Analysis;
    const p3 = a.paragraphs.find((p) => p.number === 3)!;
    assert.deepEqual(p3.objectives.find((o) => o.number === 20)?.evidence.terms, ['hawala']);
    assert.ok(a.checks.some((c) => c.code === 'after-deadline' && c.paragraph === 2 && /2031/.test(c.message)), JSON.stringify(a.checks));
    const text = await runCommand([registerAnalyzeCommand], 'analyze', '--submission', `${cycleId}:XAA`, '--data-dir', dataDir);
    assert.match(text, /¶3 +.*20 \(0\.50: hawala\)/);
  });

  it('refuses a file and --submission together, and a submission not written CYCLE:ISO3', async () => {
    await assert.rejects(runCommand([registerAnalyzeCommand], 'analyze', 'x.txt', '--submission', 'c:XAA'), /a file or --submission CYCLE:ISO3, not both/);
    await assert.rejects(runCommand([registerAnalyzeCommand], 'analyze', '--submission', 'nothing'), /write the cycle id and the State's ISO3 code as CYCLE:ISO3/);
  });
});

/** An open cycle (deadline 2030-06-30) inviting Arvenia, whose draft `actor` saves: its id. */
async function cycleWithArvenia(services: Services, actor: Actor): Promise<string> {
  const cycle = await services.cycles.create(systemActor, {
    title: 'Analysis review',
    templateId: 'apac-2020',
    region: 'escap',
    deadline: '2030-06-30',
    returnAddresses: [],
    invitedStates: ['XAA'],
    status: 'open',
  });
  const response = arvenianResponse((await services.cycles.template(systemActor, cycle.id)) as Template);
  await services.submissions.saveDraft(actor, cycle.id, 'XAA', response, { baseVersion: 0 });
  return cycle.id;
}

/** Arvenia's answers (fictional): a count of objectives that disagrees, a year after the deadline, remittances by hawala. */
function arvenianResponse(template: Template): Response {
  const response = emptyResponse(template);
  const [q1, q2] = response.answers;
  q1!.paragraphs = [
    { number: 1, text: 'Arvenia prioritised three objectives: Objective 5 and Objective 6.', footnotes: [] },
    { number: 2, text: 'The Labour Mobility Act will be reviewed; in 2031 the registry counted 12,400 seasonal workers.', footnotes: [] },
  ];
  q2!.paragraphs = [{ number: 3, text: 'Most families still receive money through hawala agents.', footnotes: [] }];
  return response;
}

await describeEachBackend('HTTP: the analysis vocabulary and a submission’s analysis', (t) => {
  let app: TestApp;
  let cycleId = '';
  const cookies: Record<string, string> = {};

  const call = async (method: string, path: string, who: string, json?: unknown) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: { cookie: cookies[who] ?? '', ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    const people = {
      admin: await addUser(t.services, 'secretariat-admin', null, 'Ada Admin'),
      analyst: await addUser(t.services, 'secretariat-analyst'),
      arvenia: await addUser(t.services, 'state-coordinator', 'XAA'),
      belmora: await addUser(t.services, 'state-coordinator', 'XAB'),
    };
    for (const [key, p] of Object.entries(people)) cookies[key] = await app.signIn(p.user.email, p.password);
    cycleId = await cycleWithArvenia(t.services, people.arvenia.actor);
  });
  after(() => app?.close());

  it('gives the built-in terms to the secretariat, not to a State', async () => {
    const res = await call('GET', '/api/analysis/vocabulary/20', 'analyst');
    assert.equal(res.status, 200);
    const v = (await res.json()) as { terms: string[]; builtIn: boolean; title: string };
    assert.equal(v.builtIn, true);
    assert.ok(v.terms.includes('remittance*'));
    assert.match(v.title, /remittances/i);
    assert.equal((await call('GET', '/api/analysis/vocabulary/20', 'arvenia')).status, 403);
    assert.equal((await call('GET', '/api/analysis/vocabulary/20', 'anonymous')).status, 401);
  });

  it('lets an administrator change an objective’s terms, which the analysis then uses; an analyst may not', async () => {
    assert.equal((await call('PUT', '/api/analysis/vocabulary/20', 'analyst', { terms: ['hawala'] })).status, 403);
    const before = (await (await call('GET', `/api/cycles/${cycleId}/submissions/XAA/analysis`, 'arvenia')).json()) as Analysis;
    assert.deepEqual(before.paragraphs.find((p) => p.number === 3)?.objectives, []);

    const res = await call('PUT', '/api/analysis/vocabulary/20', 'admin', { terms: [' hawala ', 'remittance*'] });
    assert.equal(res.status, 200);
    const saved = (await res.json()) as { terms: string[]; builtIn: boolean; updatedBy: string };
    assert.deepEqual([saved.terms, saved.builtIn, saved.updatedBy], [['hawala', 'remittance*'], false, 'Ada Admin']);

    const after = (await (await call('GET', `/api/cycles/${cycleId}/submissions/XAA/analysis`, 'arvenia')).json()) as Analysis;
    assert.deepEqual(after.paragraphs.find((p) => p.number === 3)?.objectives.map((o) => [o.number, o.evidence.terms]), [[20, ['hawala']]]);
    assert.ok(after.checks.some((c) => c.code === 'stated-count' && c.paragraph === 1));
    assert.ok(after.mentions.some((m) => m.kind === 'law' && m.text === 'Labour Mobility Act'));

    const reset = await call('PUT', '/api/analysis/vocabulary/20', 'admin', { terms: null });
    assert.equal(((await reset.json()) as { builtIn: boolean }).builtIn, true);
  });

  it('refuses an objective that does not exist and terms that cannot be matched, naming them', async () => {
    const missing = await call('GET', '/api/analysis/vocabulary/24', 'admin');
    assert.equal(missing.status, 400);
    assert.match(((await missing.json()) as { detail: string }).detail, /no GCM objective 24/);
    const bad = await call('PUT', '/api/analysis/vocabulary/3', 'admin', { terms: ['*info', 'hotline', 'Hotline'] });
    assert.equal(bad.status, 400);
    const problem = (await bad.json()) as { detail: string };
    assert.match(problem.detail, /terms: term 1 \("\*info"\): "\*" may only end a word/);
    assert.match(problem.detail, /term 3 \("Hotline"\) is given twice/);
  });

  it('shows a submission’s analysis to its readers only', async () => {
    assert.equal((await call('GET', `/api/cycles/${cycleId}/submissions/XAA/analysis`, 'analyst')).status, 200);
    assert.equal((await call('GET', `/api/cycles/${cycleId}/submissions/XAA/analysis`, 'belmora')).status, 403);
  });
});
