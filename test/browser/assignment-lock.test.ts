// The editor follows the assignments: a contributor who holds only question 1a of Arvenia's
// submission (no State office) finds 1a's editor, reads 1b and the rest of the draft as text with
// no box to type in, and is told so at the top; what they write in 1a is saved. Arvenia's
// coordinator still edits every question, with no such note.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCycleTitles } from '../../src/demo/seed.ts';
import { systemActor } from '../../src/services/index.ts';
import { browserSuite, seriousA11yViolations } from './support.ts';

const run = browserSuite();

describe('a contributor edits only the questions assigned to them', { skip: run.skip }, () => {
  let cycleId: string;
  const lin = { email: 'lin.contributor@example.test', name: 'Lin Contributor', password: 'a long enough password' };
  const note = 'You may change 1a, assigned to you; the rest is read-only.';
  before(async () => {
    await run.start();
    const { services } = run.app;
    cycleId = (await services.cycles.list(systemActor)).find((c) => c.title === demoCycleTitles.regional)!.id;
    // Lin works for no State's office: 1a of Arvenia's submission is all she holds.
    const user = await services.users.create(systemActor, { ...lin, role: 'state-contributor', stateIso3: 'XAC' });
    const [office] = await services.memberships.list(systemActor, { userId: user.id });
    await services.memberships.revoke(systemActor, office!.id);
    await services.assignments.assign(systemActor, cycleId, 'XAA', { users: [lin.email], itemKey: '1a', dueDate: null });
  });
  after(() => run.stop());

  const item = (page: Page, key: string) => page.locator(`[data-item="${key}"]`);

  it("offers the contributor 1a's editor and shows 1b as text, with a note saying so", async () => {
    const page = await (await run.context()).newPage();
    await page.goto('/signin');
    await page.getByLabel('E-mail address').fill(lin.email);
    await page.getByLabel('Password').fill(lin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review cycles' }).waitFor();
    await page.goto(`/cycles/${cycleId}/states/XAA`);

    const box = page.getByRole('textbox', { name: 'Paragraph 1 of 1a' });
    await box.waitFor();
    await page.getByRole('note').filter({ hasText: note }).waitFor();
    // 1b is the State's text to read: its paragraphs, no box.
    assert.equal(await item(page, '1b').getByRole('textbox').count(), 0);
    assert.ok((await item(page, '1b').locator('[data-paragraph]').count()) > 0, "1b's answer is shown as text");
    assert.ok((await item(page, '1b').innerText()).trim().length > 0);
    assert.equal(await item(page, '1b').getByRole('button', { name: /Add a paragraph/ }).count(), 0);
    // Every box one can type in is 1a's (a question nobody answered shows a disabled one).
    const owners = await page.locator('.q-form').getByRole('textbox').evaluateAll((boxes) =>
      boxes.filter((el) => !(el as HTMLTextAreaElement).disabled && !(el as HTMLTextAreaElement).readOnly).map((el) => el.closest('[data-item]')?.getAttribute('data-item')),
    );
    assert.ok(owners.length > 0);
    assert.deepEqual([...new Set(owners)], ['1a']);
    assert.deepEqual(await seriousA11yViolations(page), []);

    // What she writes in 1a is saved: the server takes a change to her question.
    await box.fill(`${await box.inputValue()} Lin added this online.`);
    await page.getByRole('status').filter({ hasText: /^Saved at/ }).waitFor();
    const saved = await run.app.services.submissions.get(systemActor, cycleId, 'XAA');
    assert.match(JSON.stringify(saved.response), /Lin added this online\./);
    await page.context().close();
  });

  it('lets the coordinator edit every question, with no note', async () => {
    const page = await run.signedInPage('state-coordinator', 'XAA');
    await page.goto(`/cycles/${cycleId}/states/XAA`);
    await page.getByRole('textbox', { name: 'Paragraph 1 of 1a' }).waitFor();
    await item(page, '1b').getByRole('textbox').first().waitFor();
    assert.ok(await item(page, '1b').getByRole('textbox').first().isEditable());
    assert.equal(await page.getByRole('note').filter({ hasText: 'assigned to you' }).count(), 0);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.context().close();
  });
});
