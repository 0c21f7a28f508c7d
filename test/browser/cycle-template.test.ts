// The web pages of a cycle show the cycle's own questionnaire: the template as the cycle opened
// it (version 1, though version 2 has been added since), in the cycle's terms, with the same words
// as the form a State downloads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../src/services/actors.ts';
import { answers, cycleInput, cycleWords, droppedText, version1, version2 } from '../fixtures/cycle-template.ts';
import { browserSuite } from './support.ts';

const run = browserSuite();

describe("a cycle's own questionnaire in the browser", { skip: run.skip }, () => {
  let cycleId: string;

  before(async () => {
    await run.start();
    const { services } = run.app;
    await services.templates.add(systemActor, version1);
    cycleId = (await services.cycles.create(systemActor, cycleInput)).id;
    await services.submissions.saveDraft(systemActor, cycleId, 'XAA', answers, { baseVersion: 0 });
    await services.templates.add(systemActor, version2);
  });
  after(() => run.stop());

  it('shows version 1 and the words of the downloaded form, in the cycle’s terms', async () => {
    const page = await run.signedInPage('state-coordinator', 'XAA');
    await page.goto(`/cycles/${cycleId}/questionnaire`);
    await page.locator('.q-return').waitFor();
    const shown = (await page.locator('.q-return').innerText()).replace(/\s+/g, ' ').trim();
    assert.equal(shown, cycleWords);
    // The same sentence as the text form downloaded for this cycle.
    const download = await page.request.get(`/api/cycles/${cycleId}/submissions/XAA/export?format=txt`);
    assert.equal(download.status(), 200);
    assert.ok((await download.text()).includes(shown));
    assert.equal(await page.locator('[data-item="1b"]').count(), 1, "version 1's question 1b is asked");
    assert.equal(await page.locator('[data-item="1c"]').count(), 0, "version 2's question 1c is not");
  });

  it("shows the saved answer to the question version 2 dropped on the State's submission page", async () => {
    const page = await run.signedInPage('state-coordinator', 'XAA');
    await page.goto(`/cycles/${cycleId}/states/XAA`);
    await page.getByText(droppedText).waitFor();
    assert.equal(await page.getByText(droppedText).count(), 1);
  });
});
