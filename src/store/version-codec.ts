// How versions of a submission are stored compactly: a full copy of the response on the first
// version and every `fullCopyEvery` versions after it, otherwise a jsondiffpatch delta against the
// version before (long texts as diff-match-patch text patches, so a one-word edit of a long
// paragraph stores a few dozen bytes). Pure: the queries are in submissions.ts.
import { create, type Delta } from 'jsondiffpatch/with-text-diffs';
import { isDeepStrictEqual } from 'node:util';

/** At most this many versions are read to rebuild one (a full copy and the deltas after it). */
export const fullCopyEvery = 50;

/** A delta larger than this share of the full copy is not worth it: the full copy is stored instead. */
const worthwhileDeltaShare = 0.5;

const differ = create({
  // Deltas are applied forwards only, never reversed: the old value of a change need not be kept.
  omitRemovedValues: true,
  // Texts of 60 characters or more are stored as text patches, shorter ones whole.
  textDiff: { minLength: 60 },
});

/** One stored row: exactly one of `response` (a full copy) and `delta` is set. */
export interface StoredVersion {
  version: number;
  response: unknown;
  delta: unknown;
}

/** What to store for a new version. */
export type EncodedVersion = { response: unknown; delta: null } | { response: null; delta: unknown };

/**
 * What to store for `version`, whose content is `next`, given the content of the version before
 * (undefined for the first version). `next` must be plain JSON data. A delta is stored only when
 * applying it to `previous` gives `next` back exactly; otherwise, and on schedule, a full copy.
 */
export function encodeVersion(version: number, next: unknown, previous: unknown): EncodedVersion {
  const full: EncodedVersion = { response: next, delta: null };
  if (previous === undefined || (version - 1) % fullCopyEvery === 0) return full;
  const delta = deltaOf(previous, next);
  // Nothing changed: an empty object delta (jsonb cannot hold "undefined", and null means "full copy").
  if (delta === undefined) return { response: null, delta: {} };
  const deltaText = JSON.stringify(delta);
  // A few KB of delta is always worth it; beyond that, compare with the full copy.
  if (deltaText.length > 4096 && deltaText.length > worthwhileDeltaShare * JSON.stringify(next).length) return full;
  // The delta as the database will give it back (JSON), checked before it is trusted: the text
  // patches one by one where that is enough (edits in place, the usual case), else by applying
  // the whole delta and comparing.
  const stored = JSON.parse(deltaText) as unknown;
  const checked = textPatchesHold(stored, previous, next) ?? isDeepStrictEqual(applyDelta(previous, stored), next);
  return checked ? { response: null, delta: stored } : full;
}

/**
 * jsondiffpatch's delta of `next` from `previous`, found by walking both: what is the same (most
 * of a response after an edit) is passed over with a comparison, and jsondiffpatch diffs only what
 * differs (a changed text, a list that grew), where diffing the whole response cost it a walk of
 * every field with its own machinery. Objects with the same keys are compared key by key, lists of
 * the same length item by item (an object or list changed in place is a change of that item);
 * anything else is jsondiffpatch's to diff. Undefined when nothing changed.
 */
function deltaOf(previous: unknown, next: unknown): Delta | undefined {
  if (previous === next) return undefined;
  if (Array.isArray(previous) && Array.isArray(next)) {
    if (previous.length !== next.length) return differ.diff(previous, next);
    let delta: Record<string, unknown> | undefined;
    for (let i = 0; i < next.length; i++) {
      const [p, n] = [previous[i] as unknown, next[i] as unknown];
      if (p === n) continue;
      // A value replaced in a list is jsondiffpatch's to say (a removal and an insertion).
      if (!(isObject(p) && isObject(n) && Array.isArray(p) === Array.isArray(n))) return differ.diff(previous, next);
      const d = deltaOf(p, n);
      if (d !== undefined) (delta ??= { _t: 'a' })[String(i)] = d;
    }
    return delta as Delta | undefined;
  }
  if (isObject(previous) && isObject(next) && !Array.isArray(previous) && !Array.isArray(next)) {
    const keys = Object.keys(next);
    if (keys.length !== Object.keys(previous).length || !keys.every((k) => Object.hasOwn(previous, k))) return differ.diff(previous, next);
    let delta: Record<string, unknown> | undefined;
    for (const k of keys) {
      const d = deltaOf(previous[k], next[k]);
      if (d !== undefined) (delta ??= {})[k] = d;
    }
    return delta as Delta | undefined;
  }
  return differ.diff(previous, next);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A text delta: a diff-match-patch patch turning one string into another. */
function isTextDelta(delta: unknown): delta is [string, 0, 2] {
  return Array.isArray(delta) && delta.length === 3 && delta[1] === 0 && delta[2] === 2;
}

/**
 * Whether each text patch of `delta` turns the string it applies to into the string of `next`:
 * true or false, or undefined when the delta moves items of a list (then the positions in
 * `previous` and `next` differ, and only applying the whole delta tells).
 */
function textPatchesHold(delta: unknown, previous: unknown, next: unknown): boolean | undefined {
  if (isTextDelta(delta)) return typeof previous === 'string' && differ.patch(previous, delta as Delta) === next;
  // Added, replaced or removed values are stored whole: nothing to check.
  if (Array.isArray(delta) || typeof delta !== 'object' || delta === null) return true;
  const entries = Object.entries(delta);
  const list = (delta as { _t?: unknown })._t === 'a';
  let verdict: boolean | undefined = true;
  for (const [key, child] of entries) {
    if (list && key === '_t') continue;
    // In a list, an insertion, a removal or a move shifts the positions after it.
    if (list && (key.startsWith('_') || (Array.isArray(child) && !isTextDelta(child)))) return undefined;
    const at = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);
    const held = textPatchesHold(child, at(previous), at(next));
    if (held === false) return false;
    if (held === undefined) verdict = undefined;
  }
  return verdict;
}

/**
 * The content of the last version of `rows`, which run in order of version from a full copy up
 * to the version wanted (as `versionsToRead` in submissions.ts selects them).
 */
export function decodeVersions(rows: readonly StoredVersion[]): unknown {
  const [first, ...rest] = rows;
  if (!first || first.response === null || first.response === undefined) {
    throw new Error(`Rebuilding a version needs a full copy first; the rows start at version ${first?.version ?? '(none)'}.`);
  }
  // One copy, then patched in place: the rows stay as they were read.
  let content: unknown = rest.length ? structuredClone(first.response) : first.response;
  let expected = first.version;
  for (const row of rest) {
    expected += 1;
    if (row.version !== expected) throw new Error(`Version ${expected} is missing between the full copy at ${first.version} and ${row.version}.`);
    if (row.response !== null && row.response !== undefined) content = structuredClone(row.response);
    else if (!isEmptyDelta(row.delta)) content = differ.patch(content, row.delta as Delta);
  }
  return content;
}

/**
 * The content of every version of `rows`, which run in order of version from version 1 (each a
 * copy of its own). What reading an old version needs when its upgrade depends on the versions
 * before it (see findVersionContent in submissions.ts).
 */
export function decodeEachVersion(rows: readonly StoredVersion[]): { version: number; content: unknown }[] {
  const out: { version: number; content: unknown }[] = [];
  let content: unknown;
  rows.forEach((row, i) => {
    if (row.version !== i + 1) throw new Error(`Version ${i + 1} is missing before ${row.version}.`);
    if (row.response !== null && row.response !== undefined) content = structuredClone(row.response);
    else if (i === 0) throw new Error('Rebuilding the versions needs a full copy of version 1.');
    else if (!isEmptyDelta(row.delta)) content = differ.patch(structuredClone(content), row.delta as Delta);
    out.push({ version: row.version, content });
  });
  return out;
}

/** `content` with `delta` applied, leaving `content` itself untouched (jsondiffpatch patches in place). */
export function applyDelta(content: unknown, delta: unknown): unknown {
  if (isEmptyDelta(delta)) return content;
  return differ.patch(structuredClone(content), delta as Delta);
}

function isEmptyDelta(delta: unknown): boolean {
  return typeof delta === 'object' && delta !== null && !Array.isArray(delta) && Object.keys(delta).length === 0;
}
