// Templates in the browser: everyone signed in sees the questionnaires; a secretariat
// administrator downloads the built-in one as a starting point, sees every bad field of a
// broken file named (and nothing stored), adds a valid YAML template and opens its view.
// A coordinator sees the list without the add form. The page passes axe.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();

// A mistake a person makes: objective 24 (the GCM has 23) and a question left without its prompt.
const brokenJson = JSON.stringify(
  {
    id: 'pacific-2031-broken',
    title: 'Pacific sub-regional GCM review 2031 (draft)',
    contactFields: [{ key: 'office', label: 'Office' }],
    clusters: [
      {
        number: 1,
        title: 'Ensuring that migration is voluntary, orderly and regular',
        objectives: [2, 24],
        questions: [{ key: '1a', prompt: ' ' }],
      },
    ],
  },
  null,
  2,
);

const prompts = [
  'What are the levels and trends of labour mobility between the Pacific islands since 2028?',
  'Which seasonal work schemes did the Government open or change, and for whom?',
];
const validYaml = `# A short sub-regional form: one cluster, two questions, no principles checklist.
id: pacific-2031-short
version: 1
title: Pacific sub-regional GCM review 2031 (short form)
respondentType: state
contactFields:
  - { key: country, label: Country, kind: country }
  - { key: office, label: Office }
  - { key: email, label: E-mail, kind: email }
clusters:
  - number: 1
    title: Ensuring that migration is voluntary, orderly and regular
    objectives: [2, 5, 6, 12, 18]
    questions:
      - key: 1a
        label: a
        prompt: ${prompts[0]}
      - key: 1b
        label: b
        prompt: ${prompts[1]}
`;

/** The rows of the templates table as text, one per template. */
async function templateRows(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: /Questionnaire templates/ });
  await table.waitFor();
  return (await table.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
}

async function openTemplates(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
  await page.getByRole('heading', { level: 1, name: 'Questionnaire templates' }).waitFor();
}

describe('templates in the browser', { skip: run.skip }, () => {
  let page: Page;
  let before_: string[] = [];
  before(async () => {
    await run.start();
    page = await run.signedInPage('secretariat-admin');
  });
  after(() => run.stop());

  it('lists the built-in questionnaire with its id, version, origin, respondents and questions', async () => {
    await openTemplates(page);
    before_ = await templateRows(page);
    const apac = page.locator('tr[data-template="apac-2020"]');
    const cells = (await apac.locator('th, td').allInnerTexts()).map((c) => c.trim());
    assert.deepEqual(cells, ['Asia-Pacific voluntary GCM review 2020', 'apac-2020', '1', 'Built-in', 'States', '22'], '16 sub-questions, the principles and questions 6-10');
    assert.equal(await apac.getByRole('link', { name: 'Asia-Pacific voluntary GCM review 2020' }).getAttribute('href'), '/templates/apac-2020');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('downloads apac-2020 as a JSON file to start from', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download apac-2020 as a starting point' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'apac-2020.json');
    const saved = JSON.parse(await readFile(await download.path(), 'utf8')) as { id: string; clusters: { questions: unknown[] }[] };
    assert.equal(saved.id, 'apac-2020');
    assert.deepEqual(saved.clusters.map((c) => c.questions.length), [4, 4, 4, 4]);
  });

  it('names every bad field of a broken file in a focused error summary, and stores nothing', async () => {
    await page.getByLabel('Template file').setInputFiles({ name: 'pacific-2031.json', mimeType: 'application/json', buffer: Buffer.from(brokenJson) });
    await page.waitForFunction(() => (document.getElementById('template-text') as HTMLTextAreaElement | null)?.value.includes('pacific-2031-broken'));
    await page.getByText('Read as JSON (from pacific-2031.json).').waitFor();
    await page.getByRole('button', { name: 'Check and add' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'The template was not added' });
    await summary.waitFor();
    assert.equal(await summary.evaluate((el) => el === document.activeElement), true, 'focus moves to the summary');
    assert.match(await summary.innerText(), /Nothing was stored\. Correct these fields and check again:/);
    assert.deepEqual(await summary.locator('li code').allInnerTexts(), ['clusters[0].objectives', 'clusters[0].questions[0].prompt']);
    assert.match(await summary.getByRole('listitem').nth(0).innerText(), /clusters\[0\]\.objectives GCM objectives are numbered 1 to 23/);
    assert.match(await summary.getByRole('listitem').nth(1).innerText(), /must not be empty/);
    assert.equal(await page.getByLabel('Template text').getAttribute('aria-invalid'), 'true');
    assert.match(await page.getByLabel('Template text').inputValue(), /"objectives": \[\s*2,\s*24\s*\]/, 'the text stays to be corrected');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.locator('#add-template-heading').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -220));
    await saveScreenshot(page, 'templates');

    await page.reload();
    assert.deepEqual(await templateRows(page), before_, 'the list is unchanged after the refusal');
  });

  it('adds a valid YAML template, lists it at once, and shows its questionnaire', async () => {
    await page.getByLabel('Template file').setInputFiles({ name: 'pacific-2031-short.yaml', mimeType: 'application/yaml', buffer: Buffer.from(validYaml) });
    await page.getByText('Read as YAML (from pacific-2031-short.yaml).').waitFor();
    await page.getByRole('button', { name: 'Check and add' }).click();

    const added = page.getByRole('status').filter({ hasText: 'Added “Pacific sub-regional GCM review 2031 (short form)”' });
    await added.waitFor();
    assert.match(await added.innerText(), /pacific-2031-short, version 1/);
    assert.equal(await page.getByRole('alert').filter({ hasText: 'The template was not added' }).count(), 0, 'the old error summary is gone');
    const row = page.locator('tr[data-template="pacific-2031-short"]');
    await row.waitFor();
    assert.deepEqual(
      (await row.locator('th, td').allInnerTexts()).map((c) => c.trim()),
      ['Pacific sub-regional GCM review 2031 (short form)', 'pacific-2031-short', '1', 'Added', 'States', '2'],
    );
    assert.equal((await templateRows(page)).length, before_.length + 1);
    assert.equal(await page.getByLabel('Template text').inputValue(), '', 'the form is emptied for the next one');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await added.getByRole('link', { name: 'View its questionnaire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pacific sub-regional GCM review 2031 (short form)' }).waitFor();
    const form = page.getByRole('article');
    assert.equal(await form.locator('[data-kind="prose"]').count(), 2);
    for (const prompt of prompts) assert.equal(await form.getByText(prompt).isVisible(), true, `the prompt "${prompt}" is shown`);
    assert.equal(await page.getByLabel('E-mail').isDisabled(), true);
  });

  it('refuses pasted text for a version that already exists, saying why', async () => {
    await openTemplates(page);
    await page.getByLabel('Template text').fill(validYaml);
    await page.getByText('Read as YAML.').waitFor();
    await page.getByRole('button', { name: 'Check and add' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The template was not added' });
    await summary.waitFor();
    assert.match(await summary.innerText(), /already has version 1; give the new one a higher version number\. Nothing was stored\./);
    assert.equal(await summary.locator('li').count(), 0);
  });

  it('shows a coordinator the templates without the add form', async () => {
    const coordinator = await run.signedInPage('state-coordinator', 'XAA');
    await openTemplates(coordinator);
    const rows = await templateRows(coordinator);
    assert.ok(rows.some((r) => r.includes('apac-2020')) && rows.some((r) => r.includes('pacific-2031-short')));
    assert.equal(await coordinator.getByRole('heading', { name: 'Add a template' }).count(), 0);
    assert.equal(await coordinator.getByLabel('Template file').count(), 0);
    assert.equal(await coordinator.getByRole('link', { name: /Download apac-2020/ }).count(), 0);
    assert.deepEqual(await seriousA11yViolations(coordinator), []);
    await coordinator.context().close();
  });
});
