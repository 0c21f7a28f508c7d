// The form in each of its template's languages (issue 7, item 3): apac-2020 downloaded in French
// and Russian, as Word and text, over HTTP (GET …/export?language=, POST /api/exports) and with
// `gcm-review export --language`, reads back through POST /api/imports and `gcm-review import`
// to the same response as the English form, and the import says which language it recognised.
// The answers are the State's own words in every language; only the form's text changes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { registerExportCommand } from '../../src/cli/commands/export.ts';
import type { Response } from '../../src/domain/response.ts';
import { templateIn, templateLanguages } from '../../src/services/template-language.ts';
import { createServices, systemActor } from '../../src/services/index.ts';
import { openDatabase } from '../../src/store/database.ts';
import { demoNames, demoResponse, formTemplate } from '../fixtures/docs/arvenia.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { runCli } from '../support/cli-process.ts';
import { runCommand } from '../support/cli.ts';
import { addUser, describeEachBackend } from '../support/db.ts';
import { fixedSlots } from '../support/fixed-slots.ts';

const template = formTemplate();
const languages = ['fr', 'ru'] as const;
const formats = ['docx', 'txt'] as const;
const cycleInput = { title: 'Asia-Pacific Regional Review 2027', templateId: 'apac-2020', region: 'escap', deadline: '2027-08-31', returnAddresses: ['review@example.test'], invitedStates: ['XAA', 'XAB', 'XAC'] };
type Imported = Response & { import: { language?: string; unplaced: unknown[] } };
/** What was read: the response without the import report and the document's own lines (its `source`). */
const read = ({ import: _report, source: _source, ...response }: Imported & { source?: unknown }) => response;
/** The texts of the answers' paragraphs, by question. */
const texts = (r: Response) => r.answers.filter((a) => a.paragraphs.length).map((a) => [a.question, a.paragraphs.map((p) => p.text)]);
/** Words of the form in one language that an English form does not print: the first question's prompt. */
const promptIn = (language: string) => templateIn(template, language).clusters[0]!.questions[0]!.prompt;

it('apac-2020 is offered in English, French and Russian; a language it has not is refused, naming those it has', () => {
  assert.deepEqual(templateLanguages(template), ['en', 'fr', 'ru']);
  assert.throws(() => templateIn(template, 'de'), /not available in "de"; available: en, fr, ru/);
  for (const language of languages) assert.notEqual(promptIn(language), promptIn('en'));
});

await describeEachBackend('the form in French and Russian over HTTP', (t) => {
  let app: TestApp;
  let cycleId: string;
  let cookie: string;
  const english = new Map<string, Imported>();

  before(async () => {
    // Some thirty imports in a minute, more than a person starts: the per-user limit is raised.
    app = await startTestApp(t.backend, { database: t, imports: { perMinute: 1000 } });
    cycleId = (await t.services.cycles.create(systemActor, cycleInput)).id;
    await t.services.cycles.setStatus(systemActor, cycleId, 'open');
    await t.services.submissions.saveDraft(systemActor, cycleId, 'XAA', demoResponse('arvenia'), { baseVersion: 0 });
    const u = await addUser(t.services, 'state-coordinator', 'XAA');
    cookie = await app.signIn(u.user.email, u.password);
  });
  after(() => app?.close());

  const exportPost = async (body: object, format: string, query = '') => {
    const res = await fetch(`${app.url}/api/exports?format=${format}${query}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const importPost = async (bytes: Uint8Array, name: string, extra: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('templateId', 'apac-2020');
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(`${app.url}/api/imports`, { method: 'POST', body: form, headers: { cookie } });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as Imported;
  };
  const englishRoundTrip = async (name: string, format: string) => {
    const key = `${name}.${format}`;
    if (!english.has(key)) {
      const { bytes } = await exportPost({ templateId: 'apac-2020', response: demoResponse(name as (typeof demoNames)[number]) }, format);
      const got = await importPost(bytes, `${name}-en.${format}`);
      assert.equal(got.import.language, 'en');
      english.set(key, got);
    }
    return english.get(key)!;
  };

  for (const name of demoNames) {
    for (const language of languages) {
      for (const format of formats) {
        it(`${name}: POST /api/exports in ${language} (${format}) imports back as the English form does, recognised as ${language}`, async () => {
          const response = demoResponse(name);
          // The language in the body for one format, in the query for the other: both are read.
          const { res, bytes } = format === 'docx' ? await exportPost({ templateId: 'apac-2020', language, response }, format) : await exportPost({ templateId: 'apac-2020', response }, format, `&language=${language}`);
          assert.equal(res.status, 200, new TextDecoder().decode(bytes));
          if (format === 'txt') {
            const text = new TextDecoder().decode(bytes);
            assert.ok(text.includes(promptIn(language)), `the ${language} form prints question 1a in ${language}`);
            assert.ok(!text.includes(promptIn('en')), 'and not in English');
            const plain = response.answers.flatMap((a) => a.paragraphs).find((p) => p.footnotes.length === 0)!;
            assert.ok(text.includes(plain.text), "the answers are the State's own words");
          }
          const got = await importPost(bytes, `${name}-${language}.${format}`);
          assert.equal(got.import.language, language);
          assert.deepEqual(got.import.unplaced, []);
          assert.deepEqual(read(got), read(await englishRoundTrip(name, format)));
        });
      }
    }
  }

  it("GET …/export?language= gives the cycle's submission in that language, in the cycle's terms, and reads back with the cycle's template", async () => {
    const stored = fixedSlots((await t.services.submissions.get(systemActor, cycleId, 'XAA')).response);
    for (const format of formats) {
      const get = async (language: string) => {
        const res = await fetch(`${app.url}/api/cycles/${cycleId}/submissions/XAA/export?format=${format}&language=${language}`, { headers: { cookie } });
        assert.equal(res.status, 200, language);
        return new Uint8Array(await res.arrayBuffer());
      };
      const en = await importPost(await get('en'), `en.${format}`, { cycleId });
      for (const language of languages) {
        const bytes = await get(language);
        if (format === 'txt') {
          const text = new TextDecoder().decode(bytes);
          assert.ok(text.includes('review@example.test') && text.includes('31 August 2027'), `the ${language} form prints the cycle's address and deadline`);
          assert.ok(!text.includes('escap-sdd@un.org'), "and not the template's own");
        }
        const got = await importPost(bytes, `${language}.${format}`, { cycleId });
        assert.equal(got.import.language, language);
        assert.deepEqual(got.import.unplaced, []);
        assert.deepEqual(read(got), read(en));
        assert.deepEqual(texts(got), texts(stored));
      }
    }
  });

  it('refuses a language the template does not have, naming those it has, and documents the parameter', async () => {
    const res = await fetch(`${app.url}/api/cycles/${cycleId}/submissions/XAA/export?format=txt&language=de`, { headers: { cookie } });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { detail: string }).detail, /not available in "de"; available: en, fr, ru/);
    const post = await exportPost({ templateId: 'apac-2020', language: 'de', response: demoResponse('arvenia') }, 'txt');
    assert.equal(post.res.status, 400);
    const malformed = await exportPost({ templateId: 'apac-2020', response: demoResponse('arvenia') }, 'txt', '&language=French!');
    assert.equal(malformed.res.status, 400);
    assert.deepEqual((JSON.parse(new TextDecoder().decode(malformed.bytes)) as { errors: { path: string }[] }).errors.map((e) => e.path), ['language']);
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    assert.ok(doc.paths['/api/cycles/{id}/submissions/{iso3}/export']?.get?.parameters?.some((p) => p.name === 'language'));
    assert.ok(doc.paths['/api/exports']?.post?.parameters?.some((p) => p.name === 'language'));
  });
});

describe('gcm-review export --language, then gcm-review import', () => {
  const work = mkdtempSync(join(tmpdir(), 'gcm-form-languages-'));
  const dataDir = join(work, 'data');
  after(() => rmSync(work, { recursive: true, force: true }));
  const exportCli = (...args: string[]) => runCommand([registerExportCommand], 'export', ...args);
  const importCli = (file: string) => {
    const r = runCli(['import', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Imported;
  };
  let cycleId: string;

  before(async () => {
    const db = await openDatabase({ dataDir, databaseUrl: undefined });
    try {
      const services = createServices(db);
      cycleId = (await services.cycles.create(systemActor, cycleInput)).id;
      await services.submissions.saveDraft(systemActor, cycleId, 'XAB', demoResponse('belmora'), { baseVersion: 0, source: 'import' });
    } finally {
      await db.close();
    }
  });

  for (const name of demoNames) {
    it(`${name}: --from in fr and ru, Word and text, imports back to what the English form gives`, async () => {
      const from = join(work, `${name}.json`);
      writeFileSync(from, JSON.stringify(demoResponse(name)));
      const english: Record<string, Imported> = {};
      for (const language of ['en', ...languages]) {
        for (const format of formats) {
          const out = join(work, `${name}-${language}.${format}`);
          await exportCli('--from', from, '--language', language, '--format', format, '-o', out);
          const got = importCli(out);
          assert.equal(got.import.language, language, out);
          assert.deepEqual(got.import.unplaced, [], out);
          if (language === 'en') english[format] = got;
          else assert.deepEqual(read(got), read(english[format]!), out);
        }
      }
      if (name === 'arvenia') {
        const summary = runCli(['import', join(work, 'arvenia-ru.txt')]);
        assert.match(summary.stdout, /^Language: +ru \(the form's text\)$/m);
      }
    });
  }

  it("a stored submission in French: the cycle's form, in the cycle's terms", async () => {
    const out = join(work, 'XAB-fr.txt');
    const printed = await exportCli('--cycle', cycleId, '--state', 'XAB', '--language', 'fr', '--format', 'txt', '-o', out, '--data-dir', dataDir);
    assert.match(printed, /^Wrote .*XAB-fr\.txt \(Kingdom of Belmora, version 1, txt/m);
    const text = readFileSync(out, 'utf8');
    assert.ok(text.includes(promptIn('fr')) && text.includes('review@example.test'));
    const got = importCli(out);
    assert.equal(got.import.language, 'fr');
    assert.deepEqual(texts(got), texts(demoResponse('belmora')));
  });

  it('names the languages there are when asked for another', async () => {
    await assert.rejects(exportCli('--from', join(work, 'arvenia.json'), '--language', 'de', '--format', 'txt', '-o', join(work, 'x.txt')), /not available in "de"; available: en, fr, ru/);
  });
});
