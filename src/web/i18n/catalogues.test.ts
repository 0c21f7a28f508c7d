// The catalogues agree: French has every English key and no other, with the same {{variables}}
// and every plural form its language needs; every key the web app asks for exists in English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogues, defaultLanguage, i18n, languages, pickLanguage } from './index.ts';

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** "a.b.c" → text, for every string in a nested catalogue. */
function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** The names of {{name}} and {{name, format}} in a text, sorted; count is i18next's own. */
function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!))].sort();
}

/** Each key without its plural suffix, with the variables of all its forms. */
function byBase(flat: Map<string, string>): Map<string, { forms: Set<string>; variables: string[] }> {
  const out = new Map<string, { forms: Set<string>; variables: string[] }>();
  for (const [key, text] of flat) {
    const m = pluralSuffix.exec(key);
    const base = m ? key.slice(0, m.index) : key;
    const entry = out.get(base) ?? { forms: new Set<string>(), variables: [] };
    if (m) entry.forms.add(m[1]!);
    entry.variables = [...new Set([...entry.variables, ...variables(text)])].sort();
    out.set(base, entry);
  }
  return out;
}

const reference = byBase(flatten(catalogues[defaultLanguage]));

for (const { code, intl } of languages) {
  test(`the ${code} catalogue has exactly the English keys, the same variables and every plural form of its language`, () => {
    const flat = flatten(catalogues[code]);
    const mine = byBase(flat);
    assert.deepEqual([...mine.keys()].sort(), [...reference.keys()].sort(), 'the same keys (plural forms aside)');
    const needed = new Intl.PluralRules(intl).resolvedOptions().pluralCategories;
    for (const [base, entry] of mine) {
      const ref = reference.get(base)!;
      assert.deepEqual(entry.variables, ref.variables, `${code}: ${base} has the same variables as in English`);
      assert.equal(entry.forms.size > 0, ref.forms.size > 0, `${code}: ${base} is a plural in both or in neither`);
      if (entry.forms.size) {
        for (const form of needed) {
          // French "many" (1 000 000) is written as "other" when a language does not tell them apart in words.
          assert.ok(entry.forms.has(form), `${code}: ${base} has its "${form}" form`);
        }
      }
    }
    for (const [key, text] of flat) assert.ok(text.trim(), `${code}: ${key} is not empty`);
  });
}

/** Every key written in src/web as t("…"), tr("…") (where `t` names a template) or i18n.t("…"); a `${…}` part stands for any text. */
function keysUsed(): { file: string; key: string }[] {
  const found: { file: string; key: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/(?<![\w$])(?:t|tr|i18n\.t)\(\s*(['"`])([^'"`]+)\1/g)) found.push({ file: path, key: m[2]! });
        for (const m of text.matchAll(/i18nKey=["']([^"']+)["']/g)) found.push({ file: path, key: m[1]! });
      }
    }
  };
  walk(webRoot);
  return found;
}

test('every key the web app uses exists in the English catalogue', () => {
  const used = keysUsed();
  assert.ok(used.length > 300, `the web app's text goes through t() (found ${used.length} uses)`);
  const known = [...reference.keys()];
  const missing = used.filter(({ key }) => {
    if (!key.includes('${')) return !reference.has(key);
    const pattern = new RegExp(`^${key.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^.]+')}$`);
    return !known.some((k) => pattern.test(k));
  });
  assert.deepEqual(missing, []);
});

test('i18next resolves plurals and variables in both languages', async (t) => {
  t.after(() => i18n.changeLanguage('en'));
  assert.equal(i18n.t('cycles.drafts', { count: 1 }), '1 draft');
  assert.equal(i18n.t('cycles.drafts', { count: 2 }), '2 drafts');
  await i18n.changeLanguage('fr');
  assert.equal(i18n.t('cycles.drafts', { count: 0 }), '0 brouillon');
  assert.equal(i18n.t('cycles.drafts', { count: 1000000 }).replace(/\s/g, ' '), '1 000 000 brouillons', 'French groups thousands, and says "many" with the plural');
  assert.equal(i18n.t('signIn.useAccount', { email: 'a@example.org' }), 'Utiliser a@example.org');
});

test('the language is the saved choice, else the first browser language we have, else English', () => {
  assert.equal(pickLanguage('fr', ['en-GB']), 'fr');
  assert.equal(pickLanguage(null, ['de-CH', 'fr-CA', 'en']), 'fr');
  assert.equal(pickLanguage('xx', ['en-US']), 'en');
  assert.equal(pickLanguage(null, ['de', 'es']), 'en');
});
