// Presenters decide what leaves the server. Each copies the fields it names and nothing else,
// so a column added to a row (a password hash, an internal note) cannot leak by accident.
// The response schemas in schemas.ts filter a second time.
import type { State } from '../domain/reference.ts';
import type {
  Cycle,
  CycleSummary,
  SavedVersion,
  TransitionResult,
  SubmissionSummary,
  SubmissionVersion,
  TemplateSummary,
  User,
} from '../services/types.ts';

export function presentUser(u: User) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, stateIso3: u.stateIso3, organisationId: u.organisationId };
}

export function presentState(s: State) {
  return { iso3: s.iso3, name: s.name, groups: [...s.groups], ...(s.aliases ? { aliases: [...s.aliases] } : {}) };
}

export function presentTemplateSummary(t: TemplateSummary) {
  return { id: t.id, name: t.name, title: t.title, version: t.version, respondentType: t.respondentType, builtIn: t.builtIn, questionCount: t.questionCount, languages: [...t.languages] };
}

export function presentCycle(c: Cycle) {
  return {
    id: c.id,
    title: c.title,
    templateId: c.templateId,
    region: c.region,
    meeting: c.meeting ? { name: c.meeting.name, ...(c.meeting.place !== undefined ? { place: c.meeting.place } : {}), ...(c.meeting.dates !== undefined ? { dates: c.meeting.dates } : {}) } : null,
    deadline: c.deadline,
    returnAddresses: [...c.returnAddresses],
    invitedStates: [...c.invitedStates],
    status: c.status,
    createdAt: c.createdAt,
  };
}

export function presentCycleSummary(c: CycleSummary) {
  return { ...presentCycle(c), invitedCount: c.invitedCount, progress: { ...c.progress } };
}

export function presentSubmissionSummary(s: SubmissionSummary) {
  return {
    cycleId: s.cycleId,
    state: presentState(s.state),
    status: s.status,
    version: s.version,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  };
}

export function presentSavedVersion(v: SavedVersion) {
  return { cycleId: v.cycleId, state: { iso3: v.state.iso3, name: v.state.name }, status: v.status, version: v.version, savedAt: v.savedAt, savedBy: v.savedBy };
}

export function presentVersion(v: SubmissionVersion) {
  return { version: v.version, savedAt: v.savedAt, savedBy: v.savedBy, source: v.source, note: v.note };
}

export function presentTransition(t: TransitionResult) {
  return {
    cycleId: t.cycleId,
    state: { iso3: t.state.iso3, name: t.state.name },
    action: t.action,
    from: t.from,
    status: t.status,
    version: t.version,
    at: t.at,
    by: t.by,
    allowedActions: [...t.allowedActions],
  };
}
