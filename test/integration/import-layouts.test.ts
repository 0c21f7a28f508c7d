// The importer on questionnaires laid out as States lay them out, not as the form prints them
// (issue 13): each fixture is a fictional State's reply in one layout, and beside it the reading
// expected of it, written by hand (test/fixtures/layouts/*.expected.json): every paragraph's text,
// number and footnotes per question, the principles, the contact block, the consent, the footnotes
// and the text that belongs nowhere.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importDocument, type ImportResult } from '../../src/ingest/index.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { layoutFixtures } from '../fixtures/layouts/index.ts';

const template = builtinTemplate('apac-2020')!;

interface Expected {
  layout: string;
  state: string | null;
  contact: Record<string, string>;
  consent: string;
  answers: Record<string, { number: number | null; label?: string; text: string; footnotes: number[] }[]>;
  principles: Record<string, [string, string]>;
  footnotes: { number: number; text: string }[];
  unplaced: string[];
  furniture?: Record<string, number>;
}

function expected(name: string): Expected {
  return JSON.parse(readFileSync(new URL(`../fixtures/layouts/${name}.expected.json`, import.meta.url), 'utf8')) as Expected;
}

for (const fixture of layoutFixtures) {
  describe(`layout: ${fixture.title}`, async () => {
    const want = expected(fixture.name);
    const r: ImportResult = await importDocument(await fixture.bytes(), fixture.file, template);

    it('reads the contact block, the State and the consent', () => {
      assert.deepEqual(r.contact, want.contact);
      assert.equal(r.state?.iso3 ?? null, want.state);
      assert.equal(r.consent, want.consent);
    });

    it('reads every answer: paragraph texts, numbers and footnote links per question', () => {
      const got = Object.fromEntries(
        r.answers.map((a) => [a.question, a.paragraphs.map((p) => ({ number: p.number, ...(p.label ? { label: p.label } : {}), text: p.text, footnotes: p.footnotes }))]),
      );
      for (const key of Object.keys(got)) assert.deepEqual(got[key], want.answers[key] ?? [], `question ${key}`);
    });

    it('reads the principles, with their explanations', () => {
      const got = Object.fromEntries(r.principles.map((p) => [p.principle, [p.integrated, p.explanation]]));
      assert.deepEqual(got, want.principles);
    });

    it('reads the footnotes', () => {
      assert.deepEqual(
        r.footnotes.map((f) => ({ number: f.number, text: f.text })),
        want.footnotes,
      );
    });

    it('accounts for every character, and names what it could not place', () => {
      const a = r.import.accounting;
      assert.equal(a.charsPlaced + a.charsTemplate + a.charsUnplaced, a.charsIn);
      assert.equal(r.import.unplaced.map((u) => u.text).join(' '), want.unplaced.join(' '));
      assert.equal(r.import.warnings.filter((w) => w.code === 'unplaced-text').length, want.unplaced.length ? 1 : 0);
      assert.deepEqual(r.import.warnings.filter((w) => w.code === 'prompt-not-found'), []);
      const furniture: Record<string, number> = {};
      for (const f of r.import.furniture ?? []) furniture[f.what] = (furniture[f.what] ?? 0) + 1;
      assert.deepEqual(furniture, want.furniture ?? {});
      assert.equal(a.charsFurniture ?? 0, (r.import.furniture ?? []).reduce((n, f) => n + f.text.replace(/\s/g, '').length, 0));
    });
  });
}
