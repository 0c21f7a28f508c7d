import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allowedActions, cycleVisibleToStates, decide, submissionStatuses, transitions, workflowActions } from './workflow.ts';

describe('submission workflow', () => {
  it('takes a submission from first save to publication and back', () => {
    const steps = [
      { action: 'save', role: 'state-contributor', from: 'not-started', to: 'draft' },
      { action: 'save', role: 'state-coordinator', from: 'draft', to: 'draft' },
      { action: 'submit', role: 'state-coordinator', from: 'draft', to: 'submitted' },
      { action: 'return', role: 'secretariat-admin', from: 'submitted', to: 'returned' },
      { action: 'save', role: 'state-coordinator', from: 'returned', to: 'returned' },
      { action: 'submit', role: 'state-coordinator', from: 'returned', to: 'submitted' },
      { action: 'accept', role: 'secretariat-admin', from: 'submitted', to: 'accepted' },
      { action: 'publish', role: 'secretariat-admin', from: 'accepted', to: 'published' },
      { action: 'unpublish', role: 'secretariat-admin', from: 'published', to: 'unpublished' },
      { action: 'publish', role: 'secretariat-admin', from: 'unpublished', to: 'published' },
    ] as const;
    for (const s of steps) {
      assert.deepEqual(decide(s.action, { status: s.from, cycleStatus: 'open', role: s.role, consent: 'yes' }), { allowed: true, to: s.to }, `${s.action} from ${s.from}`);
    }
  });

  it('refuses with a reason naming the rule that was broken', () => {
    const contributorSubmits = decide('submit', { status: 'draft', cycleStatus: 'open', role: 'state-contributor' });
    assert.deepEqual(contributorSubmits, { allowed: false, reason: 'A state contributor may not submit the answers.' });

    const analystAccepts = decide('accept', { status: 'submitted', cycleStatus: 'open', role: 'secretariat-analyst' });
    assert.equal(analystAccepts.allowed, false);

    const saveInClosedCycle = decide('save', { status: 'draft', cycleStatus: 'closed', role: 'state-coordinator' });
    assert.deepEqual(saveInClosedCycle, { allowed: false, reason: 'You cannot save a draft: the review cycle is closed.' });

    const saveInDraftCycle = decide('save', { status: 'not-started', cycleStatus: 'draft', role: 'state-coordinator' });
    assert.match(saveInDraftCycle.allowed ? '' : saveInDraftCycle.reason, /still a draft/);

    const saveSubmitted = decide('save', { status: 'submitted', cycleStatus: 'open', role: 'state-coordinator' });
    assert.deepEqual(saveSubmitted, { allowed: false, reason: 'You cannot save a draft: the submission is submitted.' });

    const publishWithoutConsent = decide('publish', { status: 'accepted', cycleStatus: 'closed', role: 'secretariat-admin', consent: 'unanswered' });
    assert.deepEqual(publishWithoutConsent, { allowed: false, reason: 'You cannot publish the report: the State has not said whether it may be shared.' });
  });

  it('lets a late State submit after the cycle closed, but not edit', () => {
    assert.equal(decide('submit', { status: 'draft', cycleStatus: 'closed', role: 'state-coordinator' }).allowed, true);
    assert.equal(decide('save', { status: 'draft', cycleStatus: 'closed', role: 'state-coordinator' }).allowed, false);
  });

  it('offers each role only what it may do', () => {
    assert.deepEqual(allowedActions({ status: 'draft', cycleStatus: 'open', role: 'state-coordinator' }), ['save', 'submit']);
    assert.deepEqual(allowedActions({ status: 'draft', cycleStatus: 'open', role: 'state-contributor' }), ['save']);
    assert.deepEqual(allowedActions({ status: 'submitted', cycleStatus: 'open', role: 'secretariat-admin', consent: 'no' }), ['return', 'accept']);
    assert.deepEqual(allowedActions({ status: 'submitted', cycleStatus: 'open', role: 'secretariat-analyst' }), []);
    assert.deepEqual(allowedActions({ status: 'accepted', cycleStatus: 'archived', role: 'secretariat-admin', consent: 'yes' }), ['publish']);
  });

  it('reaches every status and leaves none a dead end but publication', () => {
    const reached = new Set<string>(['not-started']);
    for (const t of Object.values(transitions)) for (const from of t.from) reached.add(typeof t.to === 'function' ? t.to(from) : t.to);
    assert.deepEqual([...reached].sort(), [...submissionStatuses].sort());
    for (const status of submissionStatuses) {
      const leaving = workflowActions.filter((a) => transitions[a].from.includes(status));
      assert.ok(leaving.length > 0, `${status} has a way on`);
    }
  });

  it('hides a draft cycle from States', () => {
    assert.equal(cycleVisibleToStates('draft'), false);
    assert.equal(cycleVisibleToStates('open'), true);
  });
});
