// The form in each language its template has, from the web app: the questionnaire pages offer the
// blank form in English, French and Russian, the submission page the State's answers in the form
// of each other language; what the browser saves imports back, recognised in its language.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { importDocument } from '../../src/ingest/index.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { systemActor } from '../../src/services/index.ts';
import { templateIn } from '../../src/services/template-language.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';
import { fixedSlots, fixedSlotTemplate } from '../support/fixed-slots.ts';

const run = browserSuite();
const template = builtinTemplate('apac-2020')!;
const prompt1a = (language: string) => templateIn(template, language).clusters[0]!.questions[0]!.prompt;

describe('the form in other languages in the browser', { skip: run.skip }, () => {
  let page: Page;
  before(async () => {
    await run.start();
    page = await run.signedInPage('state-coordinator', 'XAA');
  });
  after(() => run.stop());

  const save = async (group: string, name: string, kind: 'button' | 'link' = 'button') => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: group }).getByRole(kind, { name }).click()]);
    return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync((await download.path())!)) };
  };

  it("offers the template's blank form in English, French and Russian; the French text is in French", async () => {
    await page.goto('/templates/apac-2020');
    await page.getByRole('heading', { level: 1, name: 'Voluntary GCM Review' }).waitFor();
    for (const language of ['English', 'French', 'Russian']) await page.getByRole('group', { name: `Download the blank form in ${language}:` }).waitFor();
    const file = await save('Download the blank form in French:', 'Text (.txt)');
    assert.equal(file.name, 'apac-2020-fr.txt');
    const text = new TextDecoder().decode(file.bytes);
    assert.ok(text.includes(prompt1a('fr')) && !text.includes(prompt1a('en')));
    const read = await importDocument(file.bytes, file.name, template);
    assert.equal(read.import.language, 'fr');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it("offers the cycle's form in Russian as Word, which reads back as Russian with the cycle's template", async () => {
    await page.getByRole('link', { name: 'Review cycles' }).first().click();
    await page.getByRole('link', { name: demoCycleTitles.regional }).click();
    const cycleId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('link', { name: 'View the questionnaire as States see it' }).click();
    const file = await save('Download the blank form in Russian:', 'Word (.docx)');
    assert.equal(file.name, 'apac-2020-ru.docx');
    // The cycle's meeting and addresses are the cycle's own words, in every language: read with the cycle's template.
    const read = await importDocument(file.bytes, file.name, fixedSlotTemplate(await run.app.services.cycles.template(systemActor, cycleId)));
    assert.equal(read.import.language, 'ru');
    assert.deepEqual(read.import.unplaced, []);
  });

  it("offers the State's answers in the French form, the answers as written", async () => {
    await page.getByRole('link', { name: 'Review cycles' }).first().click();
    await page.getByRole('link', { name: demoCycleTitles.regional }).click();
    const cycleId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('link', { name: 'View the submission of Republic of Arvenia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
    const file = await save('The same answers in the form of another language:', 'French: text', 'link');
    const text = new TextDecoder().decode(file.bytes);
    assert.ok(text.includes(prompt1a('fr')));
    const read = await importDocument(file.bytes, file.name, template);
    assert.equal(read.import.language, 'fr');
    const stored = fixedSlots((await run.app.services.submissions.get(systemActor, cycleId, 'XAA')).response);
    const texts = (r: typeof stored) => r.answers.filter((a) => a.paragraphs.length).map((a) => [a.question, a.paragraphs.map((p) => p.text)]);
    assert.deepEqual(texts(read), texts(stored));
    assert.deepEqual(await seriousA11yViolations(page), []);
  });
});
