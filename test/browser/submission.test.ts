// A State's submission in the browser: Arvenia's coordinator opens it from the demo cycle and is
// told plainly that another State's submission is not theirs to read; the secretariat's analyst,
// who reads without editing, sees Arvenia's answers (paragraphs, lists, lettered items, footnotes
// linked both ways to their sources) and downloads them as Word. (Answering online, as the
// coordinator does: answer-online.test.ts.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Response } from '../../src/domain/response.ts';
import { validateResponse } from '../../src/domain/validation.ts';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();
const arvenia = Response.parse(JSON.parse(readFileSync(new URL('../../src/demo/responses/arvenia.json', import.meta.url), 'utf8')));
const paragraph = (question: string, index: number) => arvenia.answers.find((a) => a.question === question)!.paragraphs[index]!;

describe("a State's submission in the browser", { skip: run.skip }, () => {
  let page: Page;
  let reader: Page;
  let cycleUrl: string;
  before(async () => {
    await run.start();
    page = await run.signedInPage('state-coordinator', 'XAA');
    reader = await run.signedInPage('secretariat-analyst');
  });
  after(() => run.stop());

  it("opens from the cycle's list of States", async () => {
    await page.getByRole('link', { name: demoCycleTitles.regional }).click();
    await page.getByRole('heading', { level: 1, name: demoCycleTitles.regional }).waitFor();
    cycleUrl = page.url();
    await page.getByRole('link', { name: 'View the submission of Republic of Arvenia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
    assert.match(page.url(), /\/cycles\/[^/]+\/states\/XAA$/);
    const meta = await page.locator('.page-heading__meta').innerText();
    assert.match(meta, /Draft/);
    assert.match(meta, /Version 1/);
    assert.match(meta, /Last saved by Demo Coordinator, Republic of Arvenia on \d+ \w+ \d{4}, \d\d:\d\d/);
    await reader.goto(page.url());
    await reader.getByRole('heading', { level: 1, name: 'Republic of Arvenia' }).waitFor();
  });

  it('shows the answers question by question, with numbers, lists, letters and footnotes', async () => {
    const first = reader.locator('[data-question="1a"] [data-paragraph="1"]');
    assert.equal(await first.locator('.sub-para__marker').innerText(), '1.');
    // The footnote marker stands where it stood in the text, as a link to the footnote.
    const p1 = paragraph('1a', 0);
    assert.equal((await first.locator('.sub-para__body').innerText()).replace(/\s+/g, ' '), `${p1.text.slice(0, p1.anchors![0])}1${p1.text.slice(p1.anchors![0])}`.replace(/\s+/g, ' '));
    await reader.getByRole('heading', { level: 2, name: /Ensuring that migration is voluntary/ }).waitFor();
    await reader.getByText('Objective 6', { exact: true }).first().waitFor();
    const listed = reader.locator('[data-question="4b"] [data-paragraph="41"] li');
    assert.deepEqual(await listed.allInnerTexts(), ['radio spots in four languages', 'community meetings in 120 villages', 'a mobile application listing verified job offers']);
    assert.deepEqual(await reader.locator('[data-question="7"] .sub-para__marker').allInnerTexts(), ['', 'A.', 'B.', 'C.']);
    const principle = reader.getByRole('row', { name: /People-centred/ });
    assert.equal(await principle.getByRole('radio', { name: 'Yes', exact: true }).isChecked(), true);

    await first.getByRole('link', { name: 'Footnote 1' }).click();
    assert.match(reader.url(), /#fn-1$/);
    const note = reader.locator('#fn-1');
    assert.match(await note.innerText(), /National Statistics Office of Arvenia/);
    const source = note.getByRole('link', { name: /stats\.arvenia\.example/ });
    assert.equal(await source.getAttribute('href'), 'https://stats.arvenia.example/labour-migration/2015-2020');
    assert.equal(await source.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await reader.locator('.footnotes > li').count(), arvenia.footnotes.length);
  });

  it('downloads the submission as a Word document named after the State, cycle and version', async () => {
    await reader.evaluate(() => window.scrollTo(0, 0));
    assert.deepEqual(await seriousA11yViolations(reader), []);
    await saveScreenshot(reader, 'submission');
    const [download] = await Promise.all([reader.waitForEvent('download'), reader.getByRole('link', { name: 'Word (.docx)' }).click()]);
    assert.equal(download.suggestedFilename(), 'XAA-asia-pacific-regional-review-2020-demonstration-v1.docx');
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004', 'a DOCX is a zip');
  });

  it('lists the checks by severity, each linked to its place, and the version history', async () => {
    await reader.getByText('The answers are complete and consistent with the form.').waitFor();
    // A second version with slips in it: consent unanswered, 1c emptied, footnote 7 gone but still cited in question 6.
    const slipped: Response = {
      ...arvenia,
      consent: 'unanswered',
      answers: arvenia.answers.map((a) => (a.question === '1c' ? { ...a, paragraphs: [] } : a)),
      footnotes: arvenia.footnotes.filter((f) => f.number !== 7),
    };
    const cycleId = new URL(cycleUrl).pathname.split('/').at(-1)!;
    const { version } = await run.app.services.submissions.get(systemActor, cycleId, 'XAA');
    await run.app.services.submissions.saveDraft(systemActor, cycleId, 'XAA', slipped, { baseVersion: version, note: 'Second draft with slips' });
    await reader.reload();
    const checks = reader.getByRole('region', { name: 'Checks' });
    await checks.waitFor();
    const issues = validateResponse(builtinTemplate('apac-2020')!, slipped);
    const count = (severity: string) => issues.filter((i) => i.severity === severity).length;
    // A group shows only when it has something in it; these slips are all warnings (nothing refuses the save).
    const groups: [string, string][] = [['error', 'To correct'], ['warning', 'To check']];
    assert.ok(count('warning') > 0);
    assert.deepEqual(
      (await checks.getByRole('heading', { level: 3 }).allInnerTexts()).map((h) => h.replace(/\s+/g, ' ')),
      groups.filter(([severity]) => count(severity) > 0).map(([severity, heading]) => `${heading} (${count(severity)})`),
    );
    assert.match(await checks.innerText(), /Question 1c has no answer yet\. Go to 1c/);
    await checks.getByRole('link', { name: 'Go to question 6' }).click();
    assert.match(reader.url(), /#para-6-0$/);
    assert.equal(await reader.locator('#para-6-0 .fn-ref--missing').innerText(), '7');

    const versions = reader.getByRole('table', { name: /2 saved versions/ });
    const rows = await versions.getByRole('row').allInnerTexts();
    assert.match(rows[1]!, /^2\s.*System \(command line\)\s+Edited online\s+Second draft with slips$/s);
    assert.match(rows[2]!, /^1\s.*Demonstration data\s+Demonstration draft/s);
    assert.deepEqual(await seriousA11yViolations(reader), []);
  });

  it("says plainly that another State's submission cannot be read", async () => {
    await page.goto(cycleUrl.replace(/\/?$/, '/states/XAB'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Could not load the submission/);
    await page.getByText("Your account can read only its own State's answers").waitFor();
    await page.goto(cycleUrl);
    await page.getByRole('table', { name: /Submission status/ }).waitFor();
    // The server lists only Arvenia to its coordinator, so there is one submission to view.
    assert.equal(await page.getByRole('link', { name: /^View the submission of/ }).count(), 1);
  });
});
