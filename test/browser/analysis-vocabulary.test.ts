// The analysis vocabulary page in the browser: an administrator finds it in the navigation,
// changes one objective's terms and goes back to the built-in ones; an analyst reads them and is
// told, by the server, that only administrators change them; a State's coordinator gets no link
// and is told the page is the secretariat's. The page passes axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('the analysis vocabulary page in the browser', { skip: run.skip }, () => {
  before(() => run.start());
  after(() => run.stop());

  it("lets an administrator change an objective's terms and restore the built-in ones", async () => {
    const page = await run.signedInPage('secretariat-admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vocabulary' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analysis vocabulary' }).waitFor();
    await page.getByLabel('Objective').selectOption('20');
    await page.getByRole('heading', { level: 2, name: /^20\. Promote faster, safer and cheaper transfer of remittances/ }).waitFor();
    const terms = page.getByLabel('Terms, one a line');
    await page.getByText('These are the built-in terms.').waitFor();
    assert.match(await terms.inputValue(), /^remittance\*$/m);
    assert.deepEqual(await seriousA11yViolations(page), []);

    await terms.fill('hawala\n remittance* \n');
    await page.getByRole('button', { name: 'Save the terms' }).click();
    await page.getByText('Saved: 2 terms in force.').waitFor();
    await page.getByTestId('vocabulary-state').getByText(/^Changed by /).waitFor();
    assert.equal(await terms.inputValue(), 'hawala\nremittance*');
    const stored = await run.app.services.analysis.vocabularyInForce('en');
    assert.deepEqual(stored[20], ['hawala', 'remittance*']);

    await page.getByRole('button', { name: 'Go back to the built-in terms' }).click();
    await page.getByText(/^The built-in terms are back: \d+ terms in force\.$/).waitFor();
    await page.getByText('These are the built-in terms.').waitFor();
  });

  it('shows an analyst the terms, and the server refusing a change', async () => {
    const page = await run.signedInPage('secretariat-analyst');
    await page.goto('/analysis/vocabulary');
    await page.getByText('These are the built-in terms.').waitFor();
    await page.getByLabel('Terms, one a line').fill('data');
    await page.getByRole('button', { name: 'Save the terms' }).click();
    await page.getByText("Only the secretariat's administrators change the analysis vocabulary.").waitFor();
  });

  it("offers a State's coordinator no link, and says the page is the secretariat's", async () => {
    const page = await run.signedInPage('state-coordinator', 'XAA');
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vocabulary' }).count(), 0);
    await page.goto('/analysis/vocabulary');
    await page.getByRole('alert').getByText('The analysis vocabulary is for the secretariat.').waitFor();
  });
});
