// Templates in the item model over HTTP: the three built-ins listed (with their languages and
// whether a cycle can be opened on them today), a template and a cycle's questionnaire in one
// language, and a cycle on a template whose answers today's submissions cannot store, refused.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

/** A secretariat's own template in the item model: a table of figures has no fixed slot. */
const figuresTemplate = {
  id: 'arvenia-figures',
  title: { en: 'Migration figures', fr: 'Chiffres des migrations' },
  languages: ['en', 'fr'],
  introduction: [{ en: 'Return the form by {deadline|30 June 2030}.', fr: 'Renvoyez le formulaire avant le {deadline|30 juin 2030}.' }],
  items: [
    { kind: 'contact', key: 'contact', fields: [{ key: 'name', label: { en: 'Name', fr: 'Nom' } }] },
    {
      kind: 'table',
      key: 'figures',
      label: '1',
      prompt: { en: 'Arrivals by year', fr: 'Arrivées par année' },
      columns: [{ key: 'y2029', label: '2029', type: 'number' }],
      rows: [{ key: 'arrivals', label: { en: 'Arrivals', fr: 'Arrivées' } }],
    },
  ],
};

interface Problem {
  detail: string;
}
interface Summary {
  id: string;
  builtIn: boolean;
  title: string;
  respondentType: string;
  languages: string[];
  questionCount: number;
}
interface Item {
  kind: string;
  key?: string;
  rows?: { label: string }[];
}
interface Localised {
  questionnaire: { id: string; title: string; meeting?: { name: string }; items: Item[] };
  language: string;
  languages: string[];
}

await describeEachBackend('templates in the item model over HTTP', (t) => {
  let app: TestApp;
  const cookies: Record<string, string> = {};
  let draftCycle = '';
  let openCycle = '';

  const call = async <T = Problem>(method: string, path: string, as?: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (as) headers.cookie = cookies[as]!;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${app.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  };
  const cycle = (templateId: string, status: 'draft' | 'open') => ({
    title: `Review on ${templateId}`,
    templateId,
    region: 'escap',
    meeting: { name: 'Arvenia Migration Forum', place: 'Port Arven', dates: '1-2 March 2030' },
    deadline: '2030-06-30',
    returnAddresses: ['review@arvenia.example'],
    invitedStates: ['XAA'],
    status,
  });

  before(async () => {
    app = await startTestApp(t.backend, { database: t });
    for (const [who, role, iso3] of [['admin', 'secretariat-admin', null], ['XAA', 'state-coordinator', 'XAA']] as const) {
      const u = await addUser(t.services, role, iso3);
      cookies[who] = await app.signIn(u.user.email, u.password);
    }
    draftCycle = (await call<{ id: string }>('POST', '/api/cycles', 'admin', cycle('apac-2020', 'draft'))).body.id;
    openCycle = (await call<{ id: string }>('POST', '/api/cycles', 'admin', cycle('apac-2020', 'open'))).body.id;
  });
  after(() => app?.close());

  it('GET /api/templates lists the three built-in templates, with who answers them and their languages', async () => {
    const { status, body } = await call<Summary[]>('GET', '/api/templates');
    assert.equal(status, 200);
    const builtIn = body.filter((s) => s.builtIn);
    assert.deepEqual(
      builtIn.map((s) => [s.id, s.respondentType, s.languages]),
      [
        ['apac-2020', 'state', ['en', 'fr', 'ru']],
        ['imrf-national-report', 'state', ['en', 'fr', 'ru']],
        ['stakeholder-round-tables', 'stakeholder', ['en', 'fr', 'ru']],
      ],
    );
    assert.equal(builtIn.find((s) => s.id === 'apac-2020')!.questionCount, 22, '16 sub-questions, the principles, 5 open questions');
  });

  it('GET /api/templates/{id}/questionnaire gives the template in the item model, in the language asked, as plain strings', async () => {
    const fr = await call<Localised>('GET', '/api/templates/apac-2020/questionnaire?language=fr');
    assert.equal(fr.status, 200, JSON.stringify(fr.body));
    assert.equal(fr.body.language, 'fr');
    assert.deepEqual(fr.body.languages, ['en', 'fr', 'ru']);
    const q = fr.body.questionnaire;
    assert.equal(q.id, 'apac-2020');
    assert.equal(typeof q.title, 'string');
    assert.match(q.title, /Examen volontaire/);
    assert.ok(!JSON.stringify(q).includes('"en":'), 'no translations left: plain strings only');
    const en = (await call<Localised>('GET', '/api/templates/apac-2020/questionnaire')).body;
    assert.equal(en.language, 'en');
    assert.notEqual(en.questionnaire.title, q.title);
    assert.deepEqual(
      JSON.stringify(en.questionnaire.items.map((i) => [i.kind, i.key])),
      JSON.stringify(q.items.map((i) => [i.kind, i.key])),
      'the same items in both languages',
    );

    const national = await call<Localised>('GET', '/api/templates/imrf-national-report/questionnaire');
    assert.equal(national.status, 200);
    assert.ok(national.body.questionnaire.items.length > 0);

    const wrong = await call('GET', '/api/templates/apac-2020/questionnaire?language=de');
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.detail, /not available in "de"; available: en, fr, ru/);
    assert.equal((await call('GET', '/api/templates/no-such-one/questionnaire')).status, 404);
  });

  it("GET /api/cycles/{id}/questionnaire gives the cycle's questionnaire in its terms, to whoever may read the cycle", async () => {
    const fr = await call<Localised>('GET', `/api/cycles/${openCycle}/questionnaire?language=fr`, 'XAA');
    assert.equal(fr.status, 200, JSON.stringify(fr.body));
    assert.equal(fr.body.language, 'fr');
    assert.deepEqual(fr.body.languages, ['en', 'fr', 'ru']);
    const text = JSON.stringify(fr.body.questionnaire);
    assert.match(text, /review@arvenia\.example/, "the cycle's return address");
    assert.match(text, /30 June 2030/, "the cycle's deadline");
    assert.doesNotMatch(text, /\{(deadline|returnTo|meeting\.name)[|}]/, 'no placeholder left');
    assert.equal(fr.body.questionnaire.meeting?.name, 'Arvenia Migration Forum');
    // The same words as the fixed-slot template of the cycle, in the same language.
    const template = await call<{ title: string }>('GET', `/api/cycles/${openCycle}/template`, 'XAA');
    assert.equal((await call<Localised>('GET', `/api/cycles/${openCycle}/questionnaire`, 'XAA')).body.questionnaire.title, template.body.title);

    // A draft cycle is the secretariat's alone, as its template is.
    assert.equal((await call('GET', `/api/cycles/${draftCycle}/questionnaire`, 'XAA')).status, 404);
    assert.equal((await call('GET', `/api/cycles/${draftCycle}/template`, 'XAA')).status, 404);
    assert.equal((await call('GET', `/api/cycles/${draftCycle}/questionnaire`, 'admin')).status, 200);
    assert.equal((await call('GET', `/api/cycles/${openCycle}/questionnaire`)).status, 401);
    assert.equal((await call('GET', `/api/cycles/${openCycle}/questionnaire?language=de`, 'XAA')).status, 400);
  });

  it('a cycle opens on the national report and the stakeholder questionnaire; their fixed slots are refused with a pointer to the questionnaire', async () => {
    for (const id of ['imrf-national-report', 'stakeholder-round-tables']) {
      const opened = await call<{ id: string }>('POST', '/api/cycles', 'admin', cycle(id, 'open'));
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const template = await call<{ id: string; items?: unknown[] }>('GET', `/api/cycles/${opened.body.id}/template`, 'XAA');
      assert.equal(template.body.id, id);
      assert.ok(Array.isArray(template.body.items), "the cycle's snapshot is the questionnaire");
      const slots = await call('GET', `/api/templates/${id}`);
      assert.equal(slots.status, 400);
      assert.match(slots.body.detail, new RegExp(`the template "${id}" is a questionnaire of the item model.*/api/templates/${id}/questionnaire`, 'i'));
    }
  });

  it("a secretariat's item-model template: listed, read in each of its languages, placeholders checked, and a cycle opened on it, its snapshot the questionnaire", async () => {
    const added = await call<{ id: string; items: unknown[] }>('POST', '/api/templates', 'admin', figuresTemplate);
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.id, 'arvenia-figures');
    assert.equal(added.body.items.length, 2, 'stored and answered in the item model');
    const summary = (await call<Summary[]>('GET', '/api/templates')).body.find((s) => s.id === 'arvenia-figures')!;
    assert.deepEqual([summary.builtIn, summary.title, summary.languages, summary.questionCount], [false, 'Migration figures', ['en', 'fr'], 1]);
    const fr = await call<Localised>('GET', '/api/templates/arvenia-figures/questionnaire?language=fr');
    assert.equal(fr.status, 200, JSON.stringify(fr.body));
    assert.equal(fr.body.questionnaire.title, 'Chiffres des migrations');
    assert.equal(fr.body.questionnaire.items[1]?.rows?.[0]?.label, 'Arrivées');
    const opened = await call<{ id: string }>('POST', '/api/cycles', 'admin', cycle('arvenia-figures', 'open'));
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const snapshot = await call<{ id: string; items?: unknown[] }>('GET', `/api/cycles/${opened.body.id}/template`, 'admin');
    assert.deepEqual([snapshot.body.id, snapshot.body.items?.length], ['arvenia-figures', 2], 'the questionnaire itself: a table has no fixed slot');
    const typo = await call('POST', '/api/templates', 'admin', { ...figuresTemplate, id: 'arvenia-typo', closing: 'Send it by {dedline}.' });
    assert.equal(typo.status, 400);
    assert.match(typo.body.detail, /closing: "\{dedline\}" is not a placeholder/);
  });

  it('POST /api/templates takes an item-model template as YAML too, and names every bad field of one by its path', async () => {
    const yaml = ['id: arvenia-yaml', 'title: Arvenia in YAML', 'items:', '  - { kind: prose, key: "1", label: "1", prompt: What changed? }', ''].join('\n');
    const res = await fetch(`${app.url}/api/templates`, { method: 'POST', headers: { cookie: cookies.admin!, 'content-type': 'application/yaml' }, body: yaml });
    assert.equal(res.status, 201, await res.clone().text());
    assert.equal(((await res.json()) as { items: unknown[] }).items.length, 1);
    const bad = await call<Problem & { errors: { path: string }[] }>('POST', '/api/templates', 'admin', {
      id: 'arvenia-bad',
      title: 'T',
      items: [
        { kind: 'prose', key: '1', prompt: '' },
        { kind: 'dial', key: '2' },
      ],
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      bad.body.errors.map((e) => e.path),
      ['items[0].prompt', 'items[1].kind'],
    );
    assert.equal((await call('GET', '/api/templates/arvenia-bad/questionnaire')).status, 404, 'nothing stored');
  });
});
