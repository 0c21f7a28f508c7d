// The questionnaire pages render the item model, one component per kind: apac-2020 in French
// (chosen in the page's language picker, the form marked lang="fr") and in Russian (the app's own
// words in it marked English), the stakeholder questionnaire (opened from the templates page: every
// kind it has, the consent, the kinds of organisation, its placeholders named) and the national
// report (its 23 objectives, the table of figures, the annexes), each read-only, with headings in
// order and no serious axe violation. A French interface opens a form in French when its template
// has French, else in the template's own language.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { builtinQuestionnaire, walk } from '../../src/domain/questionnaire/index.ts';
import { textIn } from '../../src/domain/questionnaire/text.ts';
import { systemActor } from '../../src/services/actors.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();

const questionnaire = (id: string) => builtinQuestionnaire(id) ?? assert.fail(`the built-in questionnaire ${id} is missing`);

/** A template a secretariat added, in English only (fictional). */
const englishOnly = {
  id: 'coralia-2031-english',
  title: 'Coralia sub-regional GCM review 2031',
  contactFields: [{ key: 'office', label: 'Office' }],
  clusters: [{ number: 1, title: 'Ensuring that migration is voluntary, orderly and regular', objectives: [2, 5], questions: [{ key: '1a', label: 'a', prompt: 'What has changed for seasonal workers since 2028?' }] }],
};

/** The levels of the page's headings in order: none may skip a level going down. */
async function headingJumps(page: Page): Promise<string[]> {
  const headings = await page.locator('main').locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.map((h) => ({ level: Number(h.tagName[1]), text: h.textContent ?? '' })));
  return headings.flatMap((h, i) => (i > 0 && h.level > headings[i - 1]!.level + 1 ? [`h${headings[i - 1]!.level} then h${h.level} "${h.text.slice(0, 40)}"`] : []));
}

describe('questionnaires of the item model in the browser', { skip: run.skip }, () => {
  let page: Page;
  before(async () => {
    await run.start();
    await run.app.services.templates.add(systemActor, englishOnly);
    page = await run.signedInPage('state-coordinator', 'XAA');
  });
  after(() => run.stop());

  it('shows apac-2020 in French when French is chosen for the form, marked lang="fr"', async () => {
    const apac = questionnaire('apac-2020');
    await page.goto('/templates/apac-2020');
    await page.getByRole('heading', { level: 1, name: 'Voluntary GCM Review' }).waitFor();
    assert.equal(await page.locator('.q-form').getAttribute('lang'), 'en', 'the interface is English, so is the form');
    const picker = page.getByLabel('Language of the form');
    assert.deepEqual(await picker.locator('option').allInnerTexts(), ['English', 'français', 'русский'], 'only the template’s languages, each in its own');

    await picker.selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Examen volontaire du Pacte mondial sur les migrations' }).waitFor();
    assert.match(page.url(), /\?language=fr$/);
    const form = page.locator('.q-form');
    assert.deepEqual([await form.getAttribute('lang'), await form.getAttribute('dir')], ['fr', 'ltr']);
    const prompt1a = walk(apac).find((w) => w.item.key === '1a')!.item;
    assert.ok(prompt1a.kind === 'prose');
    const french1a = textIn(prompt1a.prompt, 'fr', 'en');
    assert.match(french1a, /^Veuillez présenter l’ampleur et les tendances des migrations/);
    assert.equal((await form.locator('[data-item="1a"] h3').innerText()).replace(/\s+/g, ' '), `1a. ${french1a}`);
    assert.equal(await form.getByText(textIn(prompt1a.prompt, 'en', 'en')).count(), 0, 'no English prompt is left');
    // The app's words inside the form are French too; the interface around it stays English.
    assert.match(await form.locator('[data-item="1a"]').innerText(), /Environ 500 mots/);
    assert.equal(await form.getByRole('heading', { level: 2, name: 'Service de coordination' }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Print or save as PDF' }).count(), 1);
    assert.equal(await page.getByLabel('Pays', { exact: true }).isDisabled(), true);
    const objectives = await form.locator('[data-item="cluster-1"] .q-objectives li').allInnerTexts();
    assert.equal(objectives[0]!.replace(/\s+/g, ' ').trim(), 'Objectif 2 Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des personnes à quitter leur pays d’origine');
    const principles = form.getByRole('table', { name: /Principes directeurs/ });
    assert.equal(await principles.locator('tbody tr').count(), 10);
    assert.equal(await principles.getByRole('radio', { name: 'Oui' }).count(), 10);
    assert.equal(await form.getByRole('group', { name: /^Veuillez indiquer si vous acceptez que votre rapport soit publié/ }).getByRole('radio').count(), 2, 'the consent, in French');
    assert.equal(await form.locator('textarea:enabled, input:enabled').count(), 0, 'read-only');
    assert.deepEqual(await headingJumps(page), []);
    assert.deepEqual(await seriousA11yViolations(page), []);

    await form.locator('[data-item="cluster-1"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -24));
    await saveScreenshot(page, 'questionnaire-fr');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Examen volontaire du Pacte mondial sur les migrations' }).waitFor();
    assert.equal(await page.getByLabel('Language of the form').inputValue(), 'fr', 'the choice is in the address');

    // In Russian, which the app does not speak, the app's words in the form stay English, marked lang="en".
    await page.getByLabel('Language of the form').selectOption('ru');
    await page.getByRole('heading', { level: 1, name: 'Добровольный обзор ГДМ' }).waitFor();
    assert.equal(await form.getAttribute('lang'), 'ru');
    assert.equal(await form.locator('.q-header__eyebrow span[lang="en"]').textContent(), 'Questionnaire for States');
    assert.equal(await form.locator('[data-item="1a"] .q-guidance span[lang="en"]').textContent(), 'About 500 words; documents may be attached.');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('shows the stakeholder questionnaire: every kind it has, the kinds of organisation and the consent', async () => {
    const stakeholder = questionnaire('stakeholder-round-tables');
    // The templates page links to it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
    const row = page.locator('tr[data-template="stakeholder-round-tables"]');
    await row.getByRole('link', { name: textIn(stakeholder.name!, 'en', 'en') }).click();
    await page.getByRole('heading', { level: 1, name: /^Stakeholder questionnaire on the implementation/ }).waitFor();
    const form = page.locator('.q-form');
    assert.equal(await page.locator('.q-header__eyebrow').textContent(), 'Questionnaire for stakeholders');
    for (const { item } of walk(stakeholder)) {
      assert.equal(await form.locator(`[data-item="${item.key}"][data-kind="${item.kind}"]`).count(), 1, `${item.kind} "${item.key}" is rendered`);
    }
    assert.deepEqual(
      new Set(await form.locator('[data-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))),
      new Set(['contact', 'choice', 'section', 'prose']),
    );

    await form.getByRole('heading', { level: 2, name: 'Your organisation' }).waitFor();
    // The blank template's placeholders are named for what each cycle puts there.
    assert.equal(await form.locator('[data-item="organisation"] .q-return').innerText(), 'Please answer by the cycle’s deadline.');
    assert.match(await form.locator('.q-intro').innerText(), /for their views ahead of the name of the meeting\./);
    assert.doesNotMatch(await form.innerText(), /[{}]/, 'no placeholder is shown as written');
    for (const label of ['Name of the organisation', 'Country', 'Website', 'Contact person', 'E-mail']) {
      assert.equal(await form.getByLabel(label, { exact: true }).isDisabled(), true, `${label} is a disabled box`);
    }

    const kinds = form.getByRole('group', { name: 'What kind of organisation is it?' });
    const kindItem = walk(stakeholder).find((w) => w.item.key === 'organisation-kind')!.item;
    assert.ok(kindItem.kind === 'choice');
    assert.deepEqual(
      await kinds.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).value)),
      kindItem.options.map((o) => o.value),
    );
    for (const o of kindItem.options) await kinds.getByRole('radio', { name: textIn(o.label, 'en', 'en') }).waitFor();
    assert.equal(await kinds.getByRole('textbox', { name: 'Details for “Other (please specify)”' }).isDisabled(), true);

    const consent = form.locator('[data-role="publication-consent"]');
    await consent.getByRole('heading', { level: 2, name: 'Consent to publish' }).waitFor();
    const consentGroup = consent.getByRole('group', { name: /^May your answers be published/ });
    assert.deepEqual(await consentGroup.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent)), ['Yes', 'No']);

    assert.deepEqual(
      (await form.locator('[data-item="round-tables"] h3').allInnerTexts()).map((h) => h.replace(/\s+/g, ' ').slice(0, 16)),
      ['1. Round table 1', '2. Round table 2', '3. Round table 3', '4. Round table 4'],
    );
    assert.equal(await form.locator('textarea:enabled, input:enabled').count(), 0, 'read-only');
    assert.deepEqual(await headingJumps(page), []);
    assert.deepEqual(await seriousA11yViolations(page), []);

    await form.locator('[data-item="organisation-kind"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -24));
    await saveScreenshot(page, 'stakeholder-questionnaire');
  });

  it('shows the national report: its 23 objectives, the table of figures and the annexes', async () => {
    const report = questionnaire('imrf-national-report');
    await page.goto('/templates/imrf-national-report');
    await page.getByRole('heading', { level: 1, name: textIn(report.title, 'en', 'en') }).waitFor();
    const form = page.locator('.q-form');
    const objectives = form.locator('[data-kind="section"][data-item^="objective-"]');
    assert.equal(await objectives.count(), 23, 'one section per objective');
    assert.equal((await objectives.nth(11).locator('h3').innerText()).replace(/\s+/g, ' '), '12. Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral');
    assert.equal(await objectives.nth(0).locator('[data-kind="prose"]').count(), 4, 'four questions per objective');

    const figures = form.locator('[data-kind="table"]');
    const table = figures.getByRole('table');
    assert.ok((await table.locator('thead th[scope="col"]').count()) >= 2, 'the table has column headers');
    assert.equal(await table.locator('tbody th[scope="row"]').count(), await table.locator('tbody tr').count(), 'every row has its header');
    assert.equal(await form.locator('[data-kind="attachment"] input[type="file"]').isDisabled(), true);
    assert.deepEqual(await headingJumps(page), []);
    assert.deepEqual(await seriousA11yViolations(page), []);

    // On a phone the page does not scroll sideways: the table of figures scrolls in its own box.
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('starts a form in the interface language when the template has it', async () => {
    const fr = await run.signedInPage('state-coordinator', 'XAA');
    await fr.getByRole('banner').getByLabel('Language').selectOption('fr');
    await fr.getByRole('heading', { level: 1, name: 'Cycles d’examen' }).waitFor();
    await fr.goto('/templates/stakeholder-round-tables');
    await fr.getByRole('heading', { level: 1, name: /^Questionnaire à l’intention des parties prenantes/ }).waitFor();
    assert.equal(await fr.locator('.q-form').getAttribute('lang'), 'fr');
    assert.equal(await fr.getByLabel('Langue du formulaire').inputValue(), 'fr');
    await fr.locator('.q-form').getByRole('group', { name: 'De quel type d’organisation s’agit-il ?' }).getByRole('radio', { name: 'Syndicat' }).waitFor();

    // A template without French is shown in its own language, the app's words in it too.
    await fr.goto(`/templates/${englishOnly.id}`);
    await fr.getByRole('heading', { level: 1, name: englishOnly.title }).waitFor();
    assert.equal(await fr.locator('.q-form').getAttribute('lang'), 'en');
    assert.equal(await fr.getByLabel('Langue du formulaire').count(), 0, 'one language: nothing to choose');
    assert.equal(await fr.locator('.q-header__eyebrow').textContent(), 'Questionnaire for States');
    await fr.getByText('What has changed for seasonal workers since 2028?').waitFor();
    assert.deepEqual(await seriousA11yViolations(fr), []);
    await fr.context().close();
  });
});
