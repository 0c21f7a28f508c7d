// Stored responses are kept as they were saved, in the shape of their time; this list brings any
// of them up to the current shape (`currentSchemaVersion` in response.ts). Pure and ordered: step
// N turns a version-N response into a version-(N+1) one. Steps work on plain JSON, not on today's
// Zod schema, so that a later change of the schema cannot change what an old step does.
//
// Adding a schema version: raise `currentSchemaVersion`, append a step here, and test it on a
// database filled by the release before (test/integration/response-migration.test.ts shows how).
//
// A step must give the same result for the same stored response every time it is read: versions
// saved after the upgrade keep the ids the step gave. So a step takes its new ids from
// `context.newId`, which the store seeds with the submission and the version, and must not change
// once released (to improve it, add a step).
import { carryIds, type IdSource, type WithIds } from './paragraph-ids.ts';
import { currentSchemaVersion } from './response.ts';

export interface MigrationContext {
  /** The version before this one of the same submission, already upgraded (undefined for the first). */
  previous: unknown;
  /** New ids, the same sequence on every read of this version (seeded by the store). */
  newId: IdSource;
}

type JsonObject = Record<string, unknown>;

interface Step {
  from: number;
  /** Why the shape changed. */
  what: string;
  up(response: JsonObject, context: MigrationContext): JsonObject;
}

const steps: readonly Step[] = [
  {
    from: 1,
    what: 'every paragraph and footnote gets an id, carried from the version before where the same paragraph or footnote is found there',
    up: (response, { previous, newId }) => ({
      ...carryIds(response as WithIds, isObject(previous) ? (previous as WithIds) : undefined, newId),
      schemaVersion: 2,
    }),
  },
];

/** The schema version of a stored response: its `schemaVersion`, or 1 for responses stored before there was one. */
export function schemaVersionOf(stored: unknown): number {
  const v = isObject(stored) ? stored.schemaVersion : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

/**
 * The schema version of an item response (src/domain/questionnaire/response.ts: answers by item
 * key), stored for a cycle whose form is a questionnaire of the item model. Fixed-slot responses
 * (versions 1 and 2) stay in their shape, the cycles that hold them being fixed-slot cycles; an
 * item reader converts one with fromLegacyResponse.
 */
export const itemSchemaVersion = 3;

/**
 * `stored` in the current shape: the same object when it is already current (an item response is
 * current as it is), else a new one (`stored` is not changed). A response from a newer release
 * than this code is refused.
 */
export function upgradeResponse(stored: unknown, context: MigrationContext): unknown {
  let version = schemaVersionOf(stored);
  if (version === itemSchemaVersion) return stored;
  if (version > itemSchemaVersion) {
    throw new Error(`This response was stored by a newer release (schema version ${version}; this release reads up to ${itemSchemaVersion}).`);
  }
  if (version === currentSchemaVersion || !isObject(stored)) return stored;
  let response: JsonObject = stored;
  for (const step of steps) {
    if (step.from !== version) continue;
    response = step.up(response, context);
    version = step.from + 1;
  }
  if (version !== currentSchemaVersion) throw new Error(`No migration of stored responses from schema version ${version} to ${currentSchemaVersion}.`);
  return response;
}

/** The steps, for tests and documentation: from which version, and what changed. */
export function migrationSteps(): { from: number; to: number; what: string }[] {
  return steps.map((s) => ({ from: s.from, to: s.from + 1, what: s.what }));
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
