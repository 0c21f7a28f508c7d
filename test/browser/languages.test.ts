// The interface in French: the banner's language switch turns the sign-in page and the review
// cycles into French, sets <html lang="fr">, and the choice survives a reload; a browser whose
// language is French starts in French; right to left, the banner still fits the screen. The
// templates and a questionnaire show the interface's words in French, and the questionnaire's own
// text in French too, since its template has it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoAccount } from '../../src/demo/accounts.ts';
import { browserSuite, saveScreenshot, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('interface languages in the browser', { skip: run.skip }, () => {
  let page: Page;
  before(async () => {
    await run.start();
    page = await (await run.context()).newPage();
  });
  after(() => run.stop());

  const html = (p: Page) => p.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

  it('starts in English for an English-speaking browser, then switches the sign-in page to French', async () => {
    await page.goto('/signin');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.deepEqual(await html(page), { lang: 'en', dir: 'ltr' });

    await page.getByRole('banner').getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    assert.deepEqual(await html(page), { lang: 'fr', dir: 'ltr' });
    assert.equal(await page.title(), 'Connexion · GCM Review');
    await page.getByLabel('Adresse électronique').waitFor();
    await page.getByRole('banner').getByLabel('Langue').waitFor();
    assert.equal(await page.getByRole('option', { name: 'English' }).getAttribute('lang'), 'en', 'each language is named in its own language');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it('shows French field errors, then signs in and lists the review cycles in French', async () => {
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('Connexion impossible').waitFor();
    assert.match(await summary.innerText(), /Saisissez votre adresse électronique\./);

    const account = demoAccount('secretariat-admin', null);
    await page.getByLabel('Adresse électronique').fill(account.email);
    await page.getByLabel('Mot de passe').fill(account.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cycles d’examen' }).waitFor();
    await page.getByRole('link', { name: 'Nouveau cycle d’examen' }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('columnheader', { name: 'Date limite' }).waitFor();
    const regional = page.getByRole('row', { name: /Asia-Pacific Regional Review 2020/ });
    const text = await regional.innerText();
    assert.match(text, /Réponses : \d+ sur \d+/);
    assert.match(text, /3 brouillons/);
    assert.match(text, /\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/, 'dates in French');
    assert.doesNotMatch(text, /answered|drafts|January|February|March|April|June|July|August|September|October|November|December/);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Modèles' }).waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await saveScreenshot(page, 'cycles-fr');
  });

  it('keeps French after a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cycles d’examen' }).waitFor();
    assert.deepEqual(await html(page), { lang: 'fr', dir: 'ltr' });
    assert.equal(await page.getByRole('banner').getByLabel('Langue').inputValue(), 'fr');
  });

  it('shows the templates and a questionnaire with the interface in French, and the form in French as its template has it', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Modèles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modèles de questionnaire' }).waitFor();
    await page.getByRole('table').getByRole('columnheader', { name: 'Destinataires' }).waitFor();
    await page.locator('tr[data-template="apac-2020"] a').click();
    await page.getByRole('button', { name: 'Imprimer ou enregistrer en PDF' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Service de coordination' }).waitFor();
    assert.equal(await page.locator('.q-header__eyebrow').textContent(), 'Questionnaire destiné aux États');
    await page.getByRole('heading', { level: 1, name: 'Examen volontaire du Pacte mondial sur les migrations' }).waitFor();
    assert.equal(await page.locator('.q-form').getAttribute('lang'), 'fr');
    assert.equal(await page.getByLabel('Langue du formulaire').inputValue(), 'fr');
    assert.match(await page.title(), / · GCM Review$/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await saveScreenshot(page, 'questionnaire-interface-fr');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Cycles d’examen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cycles d’examen' }).waitFor();
  });

  it('switches back to English', async () => {
    await page.getByRole('banner').getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Review cycles' }).waitFor();
    assert.deepEqual(await html(page), { lang: 'en', dir: 'ltr' });
  });

  it('starts in French for a browser whose language is French, until told otherwise', async () => {
    const context = await run.browser.newContext({ baseURL: run.app.url, locale: 'fr-FR' });
    try {
      const fresh = await context.newPage();
      await fresh.goto('/signin');
      await fresh.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      assert.deepEqual(await html(fresh), { lang: 'fr', dir: 'ltr' });
    } finally {
      await context.close();
    }
  });

  it('right to left, the banner mirrors and fits the screen', async () => {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.evaluate(() => {
        document.documentElement.dir = 'rtl';
      });
      const layout = await page.evaluate(() => {
        const banner = document.querySelector('header.site-header')!;
        const brand = document.querySelector('.brand')!.getBoundingClientRect();
        const user = document.querySelector('.site-header__user')!.getBoundingClientRect();
        return {
          overflow: banner.scrollWidth - banner.clientWidth,
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          brandRight: brand.right,
          userLeft: user.left,
          width: window.innerWidth,
        };
      });
      assert.ok(layout.overflow <= 0, `the banner does not overflow at ${width}px (${layout.overflow}px)`);
      assert.ok(layout.pageOverflow <= 0, `the page does not scroll sideways at ${width}px (${layout.pageOverflow}px)`);
      assert.ok(layout.brandRight > layout.width / 2, `the brand starts on the right at ${width}px`);
      if (width === 1280) assert.ok(layout.userLeft < layout.width / 2, 'the user block ends on the left');
    }
    await saveScreenshot(page, 'cycles-rtl');
  });
});
