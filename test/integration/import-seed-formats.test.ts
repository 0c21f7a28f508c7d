// The seed questionnaire (../shared/seeds, read at run time, never copied here) turned by
// LibreOffice into a Word document and into a PDF must import with the same structure and the
// same text as the text file itself: the mapper may not lean on what one format keeps and another
// drops (a leading space, blank lines, where a line wraps).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { testEnv } from '../../src/config.ts';
import { importDocument, type ImportResult } from '../../src/ingest/index.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { SOFFICE_MISSING, convert, sofficeAvailable } from '../support/office.ts';

const seedPath = fileURLToPath(new URL('../../../shared/seeds/000_b049ce0a491c43b1.txt', import.meta.url));
const present = existsSync(seedPath);
const skip = testEnv.requireAll ? false : !present ? `the seed questionnaire is not at ${seedPath}` : !sofficeAvailable() ? SOFFICE_MISSING : false;

const ranges: Record<string, [number, number]> = {
  '1a': [1, 7], '1b': [8, 18], '1c': [19, 20], '1d': [21, 26], '2a': [27, 31], '2b': [32, 43], '2c': [44, 50], '2d': [51, 52],
  '3a': [53, 56], '3b': [57, 61], '3c': [62, 66], '3d': [67, 68], '4a': [69, 72], '4b': [73, 82], '4c': [83, 86], '4d': [87, 89],
};

/** What must not depend on the format: every paragraph (text with white space tidied) and footnote. */
function reading(r: ImportResult) {
  const tidy = (s: string) => s.replace(/\s+/g, ' ').trim();
  return {
    answers: r.answers.map((a) => ({ question: a.question, paragraphs: a.paragraphs.map((p) => ({ number: p.number, label: p.label, text: tidy(p.text), footnotes: p.footnotes })) })),
    footnotes: r.footnotes.map((f) => ({ number: f.number, text: tidy(f.text), urls: f.urls })),
    principles: r.principles,
    contact: r.contact,
    consent: r.consent,
    unplaced: r.import.unplaced.map((u) => u.text),
  };
}

describe('the seed questionnaire as LibreOffice makes it into DOCX and PDF', { skip }, () => {
  const template = builtinTemplate('apac-2020')!;
  let fromText: ImportResult;
  const imported: Record<'docx' | 'pdf', ImportResult | undefined> = { docx: undefined, pdf: undefined };

  before(async () => {
    assert.ok(present, `REQUIRE_ALL=1 but the seed questionnaire is missing: ${seedPath}`);
    assert.ok(sofficeAvailable(), `${SOFFICE_MISSING} REQUIRE_ALL=1 forbids skipping.`);
    fromText = await importDocument(readFileSync(seedPath), 'seed.txt', template);
    for (const format of ['docx', 'pdf'] as const) {
      imported[format] = await importDocument(readFileSync(await convert(seedPath, format)), `seed.${format}`, template);
    }
  });

  for (const format of ['docx', 'pdf'] as const) {
    describe(format.toUpperCase(), () => {
      const r = () => imported[format]!;
      const paragraph = (n: number) => r().answers.flatMap((a) => a.paragraphs).find((p) => p.number === n);

      it('finds the 89 numbered paragraphs, each under its question', () => {
        for (const [q, [from, to]] of Object.entries(ranges)) {
          const got = r().answers.find((a) => a.question === q)!.paragraphs.map((p) => p.number);
          assert.deepEqual(got, Array.from({ length: to - from + 1 }, (_, i) => from + i), `paragraphs of ${q}`);
        }
      });

      it('collects the 18 footnotes, cited where their markers stand, each link listed once', () => {
        assert.deepEqual(r().footnotes.map((f) => f.number), Array.from({ length: 18 }, (_, i) => i + 1));
        assert.ok(paragraph(2)?.footnotes.includes(1), 'footnote 1 is cited from paragraph 2');
        assert.ok(paragraph(71)?.footnotes.includes(17), 'footnote 17 is cited from paragraph 71');
        assert.ok(paragraph(86)?.footnotes.includes(18), 'footnote 18 is cited from paragraph 86');
        const urls = r().footnotes.flatMap((f) => f.urls);
        assert.equal(new Set(urls).size, urls.length, 'a link is listed twice');
      });

      it('reads the ten principles as yes, the consent as unanswered, the contact and answers 6 to 10', () => {
        assert.deepEqual(r().principles.map((p) => [p.principle, p.integrated]), template.principles.map((p) => [p.key, 'yes']));
        assert.equal(r().consent, 'unanswered');
        assert.ok(r().contact.name && r().contact.telephone, 'contact name and telephone');
        assert.deepEqual(r().contact, fromText.contact);
        for (const q of ['6', '7', '8', '9', '10']) {
          const a = r().answers.find((x) => x.question === q)!;
          assert.ok(a.paragraphs.length > 0 && a.paragraphs.every((p) => p.text.trim() !== ''), `answer ${q}`);
        }
      });

      it('reads the same paragraphs, footnotes and leftovers as the text file, word for word', () => {
        // Only white space may differ (and line numbers, which are the format's own).
        assert.deepEqual(reading(r()), reading(fromText));
        const a = r().import.accounting;
        assert.equal(a.charsPlaced + a.charsTemplate + a.charsUnplaced, a.charsIn);
      });
    });
  }
});
