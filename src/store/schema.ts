// The database schema (PostgreSQL 13+ and PGlite). Migrations in migrations/ are generated from
// this file with `npm run db:generate`; never edit a generated migration by hand.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
// The enums of the columns below are the domain's arrays, declared once there.
import { cycleStatuses, membershipScopes, roles, submissionStatuses } from '../domain/workflow.ts';
import { outboxStatuses } from '../domain/mail.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** States (seeded from the reference data on every open) and secretariats. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['state', 'secretariat'] }).notNull(),
    /** ISO 3166-1 alpha-3 for States; null for secretariats. */
    iso3: text('iso3').unique(),
    name: text('name').notNull(),
    /** Regional groupings, e.g. ["escap"]. */
    groups: jsonb('groups').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [check('organisations_state_has_iso3', sql`${t.kind} <> 'state' OR ${t.iso3} IS NOT NULL`)],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-cased so that look-ups ignore case. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** The role the user was created with; what they may do comes from their memberships. */
  role: text('role', { enum: roles }).notNull(),
  passwordHash: text('password_hash').notNull(),
  /** The State (or secretariat) the user works for. */
  organisationId: uuid('organisation_id').references(() => organisations.id),
  createdAt: createdAt(),
});

/** Templates added by a secretariat; built-in templates live in code and are never stored. */
export const templates = pgTable(
  'templates',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    definition: jsonb('definition').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

export const reviewCycles = pgTable('review_cycles', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  templateId: text('template_id').notNull(),
  templateVersion: integer('template_version').notNull(),
  /** The template as it was when the cycle opened, so later edits cannot change a running cycle. */
  templateSnapshot: jsonb('template_snapshot').notNull(),
  region: text('region').notNull(),
  meeting: jsonb('meeting').$type<{ name: string; place?: string; dates?: string } | null>(),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  returnAddresses: jsonb('return_addresses').$type<string[]>().notNull().default([]),
  status: text('status', { enum: cycleStatuses }).notNull().default('open'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

/** One row per invited State per cycle: the invitation and the submission are the same thing. */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => reviewCycles.id, { onDelete: 'cascade' }),
    stateIso3: text('state_iso3')
      .notNull()
      .references(() => organisations.iso3),
    status: text('status', { enum: submissionStatuses })
      .notNull()
      .default('not-started'),
    /** Number of the latest version; 0 before the first save. */
    currentVersion: integer('current_version').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [unique('submissions_cycle_state').on(t.cycleId, t.stateIso3), index('submissions_state_idx').on(t.stateIso3)],
);

/** Every save is kept. */
export const submissionVersions = pgTable(
  'submission_versions',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /**
     * Versions are stored compactly: a full copy of the response every so often (`response`),
     * otherwise only what changed since the version before (`delta`, a jsondiffpatch delta).
     * Exactly one of the two is set; src/store/version-codec.ts reads them back.
     */
    response: jsonb('response'),
    delta: jsonb('delta'),
    /** Null when saved by the operator at the command line. */
    authorId: uuid('author_id').references(() => users.id),
    /** The author's name as it was at the time of saving. */
    authorName: text('author_name').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    source: text('source').notNull().default('edit'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.version] }),
    check('submission_versions_full_or_delta', sql`(${t.response} IS NULL) <> (${t.delta} IS NULL)`),
  ],
);

/**
 * Who may do what, and where: a user's role in the secretariat, in a State's coordinating office,
 * in one review cycle, one submission, or one question of a submission. Exactly the columns the
 * scope names are set. src/services/policy.ts decides from these, against the record concerned.
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull(),
    scope: text('scope', { enum: membershipScopes }).notNull(),
    /** The State whose coordinating office it is (scope 'state'). */
    stateIso3: text('state_iso3').references(() => organisations.iso3),
    cycleId: uuid('cycle_id').references(() => reviewCycles.id, { onDelete: 'cascade' }),
    /** The submission (scopes 'submission' and 'question'). */
    submissionId: uuid('submission_id').references(() => submissions.id, { onDelete: 'cascade' }),
    /** The question's key in the cycle's template, e.g. "1a" (scope 'question'). */
    questionKey: text('question_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('memberships_user_idx').on(t.userId),
    check(
      'memberships_scope_target',
      sql`(${t.scope} = 'secretariat' and ${t.stateIso3} is null and ${t.cycleId} is null and ${t.submissionId} is null and ${t.questionKey} is null)
        or (${t.scope} = 'state' and ${t.stateIso3} is not null and ${t.cycleId} is null and ${t.submissionId} is null and ${t.questionKey} is null)
        or (${t.scope} = 'cycle' and ${t.stateIso3} is null and ${t.cycleId} is not null and ${t.submissionId} is null and ${t.questionKey} is null)
        or (${t.scope} = 'submission' and ${t.stateIso3} is null and ${t.cycleId} is null and ${t.submissionId} is not null and ${t.questionKey} is null)
        or (${t.scope} = 'question' and ${t.stateIso3} is null and ${t.cycleId} is null and ${t.submissionId} is not null and ${t.questionKey} is not null)`,
    ),
  ],
);

/**
 * Server-side sessions: the cookie carries a random token, the table its SHA-256, so that
 * sign-out, a password change or an administrator can end a session at once.
 */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 (hex) of the token in the cookie; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Absolute end, however active the session is. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    /** Increasing, so events keep their order even within one transaction (where now() is constant). */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Who acted, as shown to people: an e-mail address, "system" or "anonymous". */
    actor: text('actor').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_events_at_idx').on(t.at), index('audit_events_subject_idx').on(t.subject)],
);

/**
 * Every e-mail message the application sends (src/services/mail.ts): stored before it is sent,
 * so the outbox is the record of what went out, and the only place mail goes when no SMTP server
 * is configured. `status`: queued (stored; not sent, or not yet), sent, failed (the error kept).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    to: jsonb('to').$type<string[]>().notNull(),
    cc: jsonb('cc').$type<string[]>().notNull().default([]),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    language: text('language').notNull(),
    relatedType: text('related_type'),
    relatedId: text('related_id'),
    status: text('status', { enum: outboxStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('outbox_created_idx').on(t.createdAt), index('outbox_status_idx').on(t.status)],
);

/**
 * One-time links sent by e-mail (src/services/invitations.ts): an invitation to create an account
 * (purpose 'invitation', with the role and scope it grants) or a password reset ('password-reset',
 * with the user). Only the SHA-256 of the token is kept, so a copy of the table opens nothing;
 * `used_at` makes a link work once, `expires_at` for a set time.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose', { enum: ['invitation', 'password-reset'] }).notNull(),
    /** SHA-256 (hex) of the token in the link. */
    tokenHash: text('token_hash').notNull().unique(),
    /** Lower-cased. */
    email: text('email').notNull(),
    name: text('name'),
    /** The invited person's ministry or organisation, as the inviter wrote it. */
    organisation: text('organisation'),
    /** The user whose password a reset is for. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }),
    scope: text('scope', { enum: membershipScopes }),
    stateIso3: text('state_iso3'),
    cycleId: uuid('cycle_id').references(() => reviewCycles.id, { onDelete: 'cascade' }),
    questionKey: text('question_key'),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('account_tokens_email_idx').on(t.email)],
);

/**
 * Who in a State's office drafts which question (issue 8's assignment): the coordinator gives a
 * question (or each question of a cluster) to one or more contributors, with a due date; the
 * contributor moves its status along as the draft matures.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    /** The item's key in the cycle's template, e.g. "1a". */
    itemKey: text('item_key').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status', { enum: ['not-started', 'drafting', 'ready-for-review', 'done'] })
      .notNull()
      .default('not-started'),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('assignments_item_user').on(t.submissionId, t.itemKey, t.userId), index('assignments_user_idx').on(t.userId)],
);

/**
 * Files a State attaches to its response, to one question or to the whole of it. The bytes live
 * under the data folder (or another blob store), addressed by `storage_key`; the type is the one
 * read from the content, not the one the browser claimed.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    /** Null: attached to the whole response. */
    itemKey: text('item_key'),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    /** SHA-256 (hex) of the content. */
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedByName: text('uploaded_by_name').notNull(),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('attachments_submission_idx').on(t.submissionId)],
);

/** The queries thread between a State and the secretariat, one per submission. */
export const submissionMessages = pgTable(
  'submission_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    /** Which side wrote it, so the thread reads as a conversation even after accounts go. */
    side: text('side', { enum: ['state', 'secretariat'] }).notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('submission_messages_submission_idx').on(t.submissionId, t.createdAt)],
);

/**
 * A published submission: a frozen snapshot of one submitted version, with the template it
 * answers, as the public sees it. Unpublishing keeps the row (and says who and why).
 */
export const publications = pgTable(
  'publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    unpublishedAt: timestamp('unpublished_at', { withTimezone: true, mode: 'date' }),
    unpublishedBy: uuid('unpublished_by').references(() => users.id, { onDelete: 'set null' }),
    unpublishReason: text('unpublish_reason'),
  },
  (t) => [index('publications_submission_idx').on(t.submissionId)],
);

/**
 * When a cycle's reminders go out: `offset_days` from the deadline (negative before it), to every
 * invited State that has not submitted, in words the secretariat edits (with the cycle's
 * placeholders). Null subject/body: the built-in wording.
 */
export const reminderRules = pgTable(
  'reminder_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => reviewCycles.id, { onDelete: 'cascade' }),
    offsetDays: integer('offset_days').notNull(),
    subject: text('subject'),
    body: text('body'),
    createdAt: createdAt(),
  },
  (t) => [unique('reminder_rules_cycle_offset').on(t.cycleId, t.offsetDays)],
);

/** One row per reminder mailed, so a rule never mails the same State twice (restarts included). */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => reminderRules.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    outboxId: uuid('outbox_id').references(() => outbox.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.submissionId] })],
);

/**
 * The analyst's edits to the vocabulary that maps paragraphs to GCM objectives: the terms for one
 * objective in one language, replacing the built-in ones.
 */
export const objectiveVocabulary = pgTable(
  'objective_vocabulary',
  {
    objective: integer('objective').notNull(),
    language: text('language').notNull(),
    terms: jsonb('terms').$type<string[]>().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.objective, t.language] })],
);
