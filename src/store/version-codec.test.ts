// Versions stored as full copies and deltas read back exactly, whatever the edit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Response } from '../domain/response.ts';
import { decodeVersions, encodeVersion, fullCopyEvery, type StoredVersion } from './version-codec.ts';

const arvenia = JSON.parse(readFileSync(new URL('../demo/responses/arvenia.json', import.meta.url), 'utf8')) as Response;

/** Stores `contents` as versions 1, 2, … and reads each back, as the database would give them (JSON). */
function storeAndReadBack(contents: unknown[]): { rows: StoredVersion[]; read: unknown[] } {
  const rows: StoredVersion[] = [];
  contents.forEach((content, i) => {
    const encoded = encodeVersion(i + 1, content, i === 0 ? undefined : contents[i - 1]);
    rows.push(JSON.parse(JSON.stringify({ version: i + 1, ...encoded })) as StoredVersion);
  });
  const read = rows.map((row, i) => {
    const full = rows.findLastIndex((r, j) => j <= i && r.response !== null);
    return decodeVersions(rows.slice(full, i + 1));
  });
  return { rows, read };
}

function edit(response: Response, change: (r: Response) => void): Response {
  const copy = structuredClone(response);
  change(copy);
  return copy;
}

const longest = (r: Response) => r.answers.flatMap((a) => a.paragraphs).reduce((a, b) => (b.text.length > a.text.length ? b : a));

describe('version codec', () => {
  it('stores a one-word edit of a long paragraph as a delta of a few dozen bytes', () => {
    const next = edit(arvenia, (r) => {
      const p = longest(r);
      const words = p.text.split(' ');
      words[Math.floor(words.length / 2)] = 'edited';
      p.text = words.join(' ');
    });
    assert.notEqual(JSON.stringify(next), JSON.stringify(arvenia));
    const { rows, read } = storeAndReadBack([arvenia, next]);
    assert.ok(rows[0]!.response !== null && rows[0]!.delta === null, 'the first version is a full copy');
    assert.ok(rows[1]!.response === null, 'the second is a delta');
    const size = JSON.stringify(rows[1]!.delta).length;
    assert.ok(size < 200, `a ${size}-byte delta for a one-word edit of a ${longest(arvenia).text.length}-character paragraph`);
    assert.deepEqual(read, [arvenia, next]);
  });

  it(`keeps a full copy every ${fullCopyEvery} versions, so that reading one needs at most ${fullCopyEvery} rows`, () => {
    let current = arvenia;
    const contents = [current];
    for (let n = 1; n < 2 * fullCopyEvery + 2; n++) {
      current = edit(current, (r) => (r.contact.telephone = `+000 ${n}`));
      contents.push(current);
    }
    const { rows, read } = storeAndReadBack(contents);
    assert.deepEqual(
      rows.filter((r) => r.response !== null).map((r) => r.version),
      [1, fullCopyEvery + 1, 2 * fullCopyEvery + 1],
    );
    assert.deepEqual(read, contents);
  });

  it('reads back identically edits that insert, remove and move paragraphs, change lists and texts beyond the BMP, and no change at all', () => {
    const steps: Response[] = [arvenia];
    const step = (change: (r: Response) => void) => steps.push(edit(steps.at(-1)!, change));
    step((r) => r.answers[1]!.paragraphs.splice(1, 0, { number: 99, text: 'A paragraph inserted in the middle of the answer, long enough to be patched as text later.', footnotes: [] }));
    step((r) => r.answers[1]!.paragraphs.splice(0, 1));
    step((r) => r.answers[1]!.paragraphs.reverse());
    step((r) => {
      const p = longest(r);
      p.text = `🌍 ${p.text.replace(/ the /, ' thé ')} — naïve café 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 `;
    });
    step((r) => {
      const p = longest(r);
      p.text = p.text.replace('🌍', '🌏');
    });
    step(() => {});
    step((r) => {
      r.footnotes = r.footnotes.slice(1);
      r.principles[0]!.integrated = 'no';
      r.state = null;
      delete (r.contact as Record<string, string>).email;
    });
    const { read } = storeAndReadBack(steps);
    assert.deepEqual(read, steps);
  });

  it('stores a full copy instead when the delta would be most of it', () => {
    const rewritten = edit(arvenia, (r) => {
      for (const a of r.answers) for (const p of a.paragraphs) p.text = [...p.text].reverse().join('');
    });
    const { rows, read } = storeAndReadBack([arvenia, rewritten]);
    assert.ok(rows[1]!.response !== null, 'a full copy');
    assert.deepEqual(read, [arvenia, rewritten]);
  });

  it('refuses to rebuild a version from rows that do not start at a full copy or skip a version', () => {
    const { rows } = storeAndReadBack([arvenia, edit(arvenia, (r) => (r.consent = 'no')), edit(arvenia, (r) => (r.consent = 'yes'))]);
    assert.throws(() => decodeVersions(rows.slice(1)), /needs a full copy first/);
    assert.throws(() => decodeVersions([rows[0]!, rows[2]!]), /Version 2 is missing/);
  });
});
