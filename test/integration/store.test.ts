// The store itself: opening, migrating, seeding, transactions and concurrent saves, on both backends.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { states } from '../../src/domain/reference.ts';
import { emptyResponse } from '../../src/domain/response.ts';
import { builtinTemplate } from '../../src/services/builtin-templates.ts';
import { createServices, systemActor } from '../../src/services/index.ts';
import { Conflict } from '../../src/services/errors.ts';
import { countAuditEvents, insertAuditEvent } from '../../src/store/audit.ts';
import { openDatabase } from '../../src/store/database.ts';
import { isUniqueViolation } from '../../src/store/errors.ts';
import { databaseCounts } from '../../src/store/info.ts';
import { knownMigrations } from '../../src/store/migrate.ts';
import { insertUser } from '../../src/store/users.ts';
import { addUser, describeEachBackend } from '../support/db.ts';

await describeEachBackend('store', (t) => {
  it('seeds every State of the reference data', async () => {
    const counts = await databaseCounts(t.db.drizzle);
    assert.equal(counts.states, states.length);
  });

  it('rolls back the whole transaction when it throws', async () => {
    const before = await countAuditEvents(t.db.drizzle);
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await insertAuditEvent(tx, { actor: 'system', actorUserId: null, action: 'test.rollback', subject: 'nothing' });
        throw new Error('stop here');
      }),
      /stop here/,
    );
    assert.equal(await countAuditEvents(t.db.drizzle), before);
  });

  it('recognises a unique violation from either driver', async () => {
    const { user } = await addUser(t.services, 'secretariat-analyst');
    const duplicate = insertUser(t.db.drizzle, { email: user.email, name: 'Copy', role: 'secretariat-analyst', passwordHash: 'x', organisationId: null });
    await assert.rejects(duplicate, (err) => isUniqueViolation(err, 'users_email_unique') && !isUniqueViolation(err, 'another_constraint'));
  });

  it('lets exactly one of two simultaneous saves on the same version win', async () => {
    const cycle = await t.services.cycles.create(systemActor, {
      title: 'Race',
      templateId: 'apac-2020',
      region: 'fictional',
      deadline: '2030-01-01',
      returnAddresses: [],
      invitedStates: ['XAC'],
    });
    const response = emptyResponse(builtinTemplate('apac-2020')!);
    const save = () => t.services.submissions.saveDraft(systemActor, cycle.id, 'XAC', response, { baseVersion: 0 });
    const results = await Promise.allSettled([save(), save()]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const failure = results.find((r) => r.status === 'rejected');
    assert.ok(failure?.reason instanceof Conflict, String(failure?.reason));
    assert.equal((await t.services.submissions.versions(systemActor, cycle.id, 'XAC')).length, 1);
  });

  // A second handle on the same database needs a server (the PGlite case is tested below, on a folder).
  if (t.backend.name === 'postgres') {
    it('opens an up-to-date server database without migrating again', async () => {
      const again = await openDatabase({ dataDir: '/nonexistent', databaseUrl: t.databaseUrl });
      try {
        assert.deepEqual([again.kind, again.appliedMigrations], ['postgres', []]);
      } finally {
        await again.close();
      }
    });
  }
});

describe('PGlite in a data folder', () => {
  it('is created, migrated and seeded on first open, and keeps its data when reopened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gcm-store-'));
    try {
      const first = await openDatabase({ dataDir, databaseUrl: undefined });
      let created;
      try {
        assert.equal(first.kind, 'pglite');
        assert.equal(first.location, join(dataDir, 'pglite'));
        // Unpacked from the pre-built image when there is one (already migrated), else made step by step.
        assert.deepEqual(first.appliedMigrations, first.created === 'image' ? [] : knownMigrations().map((m) => m.tag));
        assert.equal((await databaseCounts(first.drizzle)).states, states.length);
        created = await createServices(first).users.create(systemActor, {
          email: 'kept@example.test',
          name: 'Kept Across Opens',
          password: 'a long password',
          role: 'secretariat-admin',
        });
      } finally {
        // An open PGlite keeps the process alive: close it even when an assertion failed.
        await first.close();
      }

      const second = await openDatabase({ dataDir, databaseUrl: undefined });
      try {
        assert.deepEqual(second.appliedMigrations, []);
        assert.deepEqual(await createServices(second).users.get(created.id), created);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
