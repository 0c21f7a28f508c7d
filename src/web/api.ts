// The browser's only way to the server: plain fetch with JSON, errors as RFC 9457 problems.
// The server's own words (a problem's detail) pass as they are; the fallbacks are in the interface language.
import { i18n } from './i18n/index.ts';
import type {
  Abilities,
  AnyResponse,
  CycleInput,
  Cycle,
  CycleSummary,
  GrantInput,
  LocalisedQuestionnaire,
  OutboxEntry,
  OutboxPage,
  MembershipInfo,
  SavedVersion,
  SessionInfo,
  Submission,
  SubmissionSummary,
  SubmissionVersion,
  TemplateSummary,
  TransitionResult,
  WorkflowAction,
  WorkflowStep,
  User,
} from '../services/types.ts';
import type { State } from '../domain/reference.ts';
import type { Template } from '../domain/template.ts';
import type { Questionnaire } from '../domain/questionnaire/questionnaire.ts';
import type { ResponseDiff } from '../domain/response-diff.ts';
import type { ImportResult as ImportedResponse } from '../ingest/types.ts';
import type { ItemImportResult as ImportedItems } from '../ingest/items.ts';
import type { RemindResult, Tracking } from '../services/tracking.ts';
import type { ReminderRule, ReminderRuleChange, ReminderRules } from '../services/reminders.ts';
export type { ReminderRule, ReminderRules };
import type { Publication, PublicationSummary } from '../services/publications.ts';
import type { AuditPage, AuditQuery } from '../services/audit.ts';
export type { AuditPage, Publication, PublicationSummary };
import type { AssignInput, Assignment, AssignmentChange, OwnAssignment, SubmissionAssignments } from '../services/assignments.ts';
import type { PostedMessage, QueriesThread } from '../services/messages.ts';
export type { Assignment, OwnAssignment, QueriesThread, SubmissionAssignments };
import type { CoordinatorAddress, CycleChanges, CycleNotice, OpenedCycle } from '../services/cycles.ts';
import type { RepliesOverTime } from '../domain/replies.ts';
import type { CycleStatus } from '../domain/workflow.ts';
export type { CoordinatorAddress, CycleChanges, CycleNotice, OpenedCycle, RepliesOverTime };
export type { TrackingRow } from '../domain/tracking.ts';
export type { RemindResult, Tracking };
export type { ImportReport, ImportWarning } from '../ingest/types.ts';
export type { LocalisedQuestionnaire, OutboxEntry, OutboxPage };

export interface FieldError {
  path: string;
  message: string;
}

/** A failed request, carrying what the server said in a form the pages can show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail || title);
  }

  /**
   * The detail without the list of field problems that the server appends to it
   * ("The review cycle cannot be created: title: must not be empty"), for pages that show
   * those problems next to their fields anyway.
   */
  get summary(): string {
    if (!this.errors.length) return this.detail;
    // The services list "path: message; …"; the request validator lists "path message; …." with a full stop.
    for (const separator of [': ', ' ']) {
      const listed = this.errors.map((e) => `${e.path}${separator}${e.message}`).join('; ');
      for (const tail of [listed, `${listed}.`]) {
        if (this.detail.endsWith(`: ${tail}`)) return `${this.detail.slice(0, -tail.length - 2)}.`;
      }
    }
    return this.detail;
  }
}

/** A public account of a demonstration server, served by it (never built into the app). */
export interface DemoAccount {
  email: string;
  password: string;
  purpose: string;
}

const inLanguage = (language?: string) => (language ? `?language=${encodeURIComponent(language)}` : '');

/** What POST /api/imports answers: the structured response, the report on how it was read, and the source lines. */
export type ImportResult = ImportedResponse & {
  source?: { fileName: string; format: string; lines: string[] };
};
/** The same for a cycle whose form is a questionnaire of the item model: an item response (it has no `consent`; its answers are by item key). */
export type ItemImportResult = ImportedItems & {
  source?: { fileName: string; format: string; lines: string[] };
};
export type ItemImportReport = ItemImportResult['import'];

/** The statuses whose plain meaning the catalogue words (api.status.*) when the server sends no detail. */
const fallbackStatuses = ['400', '401', '403', '404', '409', '413', '429'] as const;

function problemFallback(status: number): string | undefined {
  const key = fallbackStatuses.find((s) => s === String(status));
  return key ? i18n.t(`api.status.${key}`) : undefined;
}

/** Turns any failed HTTP answer into an ApiError, whether or not its body is a problem document. */
export function problemToError(status: number, body: unknown): ApiError {
  const p = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const title = typeof p.title === 'string' ? p.title : i18n.t('api.failed', { status });
  const fallback = problemFallback(status) ?? (status >= 500 ? i18n.t('api.serverProblem') : title);
  const detail = typeof p.detail === 'string' && p.detail ? p.detail : fallback;
  const errors = Array.isArray(p.errors)
    ? p.errors.flatMap((e: unknown) => {
        const r = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
        return typeof r.message === 'string' ? [{ path: typeof r.path === 'string' ? r.path : '', message: r.message }] : [];
      })
    : [];
  return new ApiError(status, title, detail, errors);
}

async function parseBody(res: globalThis.Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : { text: JSON.stringify(body), type: 'application/json' });
}

/** Sends text as it is with its media type: a template file keeps its own wording, and its YAML stays YAML. */
async function send<T>(method: string, path: string, body?: { text: string; type: string }): Promise<T> {
  let res: globalThis.Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': body.type },
      body: body?.text,
    });
  } catch {
    throw new ApiError(0, i18n.t('api.networkError'), i18n.t('api.unreachable'));
  }
  const data = await parseBody(res);
  if (!res.ok) throw problemToError(res.status, data);
  return data as T;
}

/** Uploads with XMLHttpRequest, because fetch cannot report upload progress. */
function upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(problemToError(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError(0, i18n.t('api.networkError'), i18n.t('api.uploadUnreachable')));
    xhr.onabort = () => reject(new ApiError(0, i18n.t('api.cancelled'), i18n.t('api.uploadCancelled')));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

const enc = encodeURIComponent;

/** The audit log's filters, as the page's form holds them. */
export type AuditFilters = Pick<AuditQuery, 'subject' | 'actor' | 'action' | 'from' | 'to'>;

/** The query string of the audit log's filters (and page), empty filters left out. */
function auditQuery(filters: AuditFilters, page: { limit?: number; offset?: number } = {}): string {
  const fields = Object.entries({ ...filters, ...page }).filter(([, v]) => v !== undefined && String(v).trim() !== '');
  return new URLSearchParams(fields.map(([k, v]) => [k, String(v).trim()])).toString();
}

export const api = {
  health: () => request<{ status: 'ok'; database: string; version: string; demo: boolean }>('GET', '/api/health'),
  session: {
    /** The signed-in user and what they may do; `abilities` only when someone is signed in. */
    get: () => request<{ user: User | null; abilities?: Abilities }>('GET', '/api/session'),
    signIn: (email: string, password: string) => request<{ user: User }>('POST', '/api/session', { email, password }),
    signOut: () => request<unknown>('DELETE', '/api/session'),
    /** The signed-in user's open sessions (browsers where they are signed in). */
    list: () => request<SessionInfo[]>('GET', '/api/sessions'),
    /** Ends every session of the signed-in user, this one included. */
    signOutEverywhere: () => request<{ endedSessions: number }>('DELETE', '/api/sessions'),
  },
  account: {
    /** Ends the user's other sessions; this one stays signed in. */
    changePassword: (currentPassword: string, newPassword: string) =>
      request<{ endedSessions: number }>('POST', '/api/account/password', { currentPassword, newPassword }),
  },
  /** Only a demonstration server has them; any other answers 404. */
  demoAccounts: () => request<DemoAccount[]>('GET', '/api/demo-accounts'),
  templates: {
    list: () => request<TemplateSummary[]>('GET', '/api/templates'),
    get: (id: string) => request<Template>('GET', `/api/templates/${enc(id)}`),
    /** The template as a questionnaire of the item model, its text in `language` (its default language when not given). */
    questionnaire: (id: string, language?: string) => request<LocalisedQuestionnaire>('GET', `/api/templates/${enc(id)}/questionnaire${inLanguage(language)}`),
    /** Adds a template from the text of a JSON or YAML file; the server names every bad field and stores nothing then. */
    add: (text: string, format: 'json' | 'yaml') =>
      send<Template>('POST', '/api/templates', { text, type: format === 'json' ? 'application/json' : 'application/yaml' }),
  },
  /** Published reports: for anyone, signed in or not. */
  publications: {
    list: () => request<PublicationSummary[]>('GET', '/api/publications'),
    get: (id: string) => request<Publication>('GET', `/api/publications/${enc(id)}`),
  },
  /** The audit log (the secretariat): a page of the events the filters select, newest first, or where to download them all as CSV. */
  audit: {
    page: (filters: AuditFilters, limit: number, offset: number) => request<AuditPage>('GET', `/api/audit?${auditQuery(filters, { limit, offset })}`),
    csvUrl: (filters: AuditFilters) => `/api/audit.csv?${auditQuery(filters)}`,
  },
  /** E-mail messages, newest first (secretariat administrators). */
  outbox: {
    list: (limit: number, offset: number) => request<OutboxPage>('GET', `/api/outbox?limit=${limit}&offset=${offset}`),
    get: (id: string) => request<OutboxEntry>('GET', `/api/outbox/${enc(id)}`),
  },
  states: {
    list: (region?: string) => request<State[]>('GET', region ? `/api/states?region=${enc(region)}` : '/api/states'),
  },
  cycles: {
    list: () => request<CycleSummary[]>('GET', '/api/cycles'),
    get: (id: string) => request<CycleSummary>('GET', `/api/cycles/${enc(id)}`),
    /** The questionnaire the cycle asks: the template as the cycle opened it, in the cycle's terms. */
    /** Fixed slots, or a questionnaire of the item model (it has `items`): see GET /api/cycles/{id}/template. */
    template: (id: string) => request<Template | Questionnaire>('GET', `/api/cycles/${enc(id)}/template`),
    /** The cycle's questionnaire in the item model, in the cycle's terms, its text in `language`. */
    questionnaire: (id: string, language?: string) => request<LocalisedQuestionnaire>('GET', `/api/cycles/${enc(id)}/questionnaire${inLanguage(language)}`),
    create: (input: CycleInput) => request<Cycle>('POST', '/api/cycles', input),
    /** A draft's terms; once open, a later deadline only (its coordinators are told). */
    edit: (id: string, changes: CycleChanges) => request<CycleNotice>('PATCH', `/api/cycles/${enc(id)}`, changes),
    /** Opens a draft: its coordinators are mailed, the addresses given are invited as coordinators. */
    open: (id: string, coordinators: CoordinatorAddress[]) => request<OpenedCycle>('POST', `/api/cycles/${enc(id)}/open`, { coordinators }),
    setStatus: (id: string, status: CycleStatus) => request<CycleSummary>('PUT', `/api/cycles/${enc(id)}/status`, { status }),
    /** How many States had submitted by each day, against the deadline. */
    replies: (id: string) => request<RepliesOverTime>('GET', `/api/cycles/${enc(id)}/replies`),
    submissions: (id: string) => request<SubmissionSummary[]>('GET', `/api/cycles/${enc(id)}/submissions`),
    /** The secretariat's tracking table: one row per invited State. */
    tracking: (id: string) => request<Tracking>('GET', `/api/cycles/${enc(id)}/tracking`),
    trackingUrl: (id: string, format: 'csv' | 'xlsx') => `/api/cycles/${enc(id)}/tracking.${format}`,
    /** Reminds the States named, or all that have not handed in. */
    remind: (id: string, states?: string[]) => request<RemindResult>('POST', `/api/cycles/${enc(id)}/reminders`, states ? { states } : {}),
  },
  /** A cycle's scheduled reminders (the secretariat reads them, its administrators change them). */
  reminders: {
    list: (cycleId: string) => request<ReminderRules>('GET', `/api/cycles/${enc(cycleId)}/reminder-rules`),
    add: (cycleId: string, rule: ReminderRuleChange & { offsetDays: number }) => request<ReminderRule>('POST', `/api/cycles/${enc(cycleId)}/reminder-rules`, rule),
    update: (cycleId: string, ruleId: string, change: ReminderRuleChange) =>
      request<ReminderRule>('PATCH', `/api/cycles/${enc(cycleId)}/reminder-rules/${enc(ruleId)}`, change),
    remove: (cycleId: string, ruleId: string) => request<ReminderRule>('DELETE', `/api/cycles/${enc(cycleId)}/reminder-rules/${enc(ruleId)}`),
  },
  submissions: {
    get: (cycleId: string, iso3: string) => request<Submission>('GET', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}`),
    /** Saves a new version; `baseVersion` is the version the changes started from (409 when someone saved since). */
    save: (cycleId: string, iso3: string, body: { response: AnyResponse; baseVersion: number; note?: string }) =>
      request<SavedVersion>('PUT', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}`, body),
    /** A step of the workflow (submit, withdraw, return with a message, accept, publish, unpublish) on the version the user saw. */
    transition: (cycleId: string, iso3: string, body: { action: WorkflowAction; baseVersion: number; message?: string }) =>
      request<TransitionResult>('POST', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/transitions`, body),
    /** The workflow steps taken on the submission (submitted, returned with a message, accepted, …), oldest first. */
    history: (cycleId: string, iso3: string) => request<{ steps: WorkflowStep[] }>('GET', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/transitions`),
    /** Stores a response read from a file as a new draft version, marked as an import of that file by the signed-in user. */
    acceptImport: (cycleId: string, iso3: string, body: { response: AnyResponse; baseVersion: number; fileName: string; note?: string }) =>
      request<SavedVersion>('POST', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/imports`, body),
    versions: (cycleId: string, iso3: string) =>
      request<SubmissionVersion[]>('GET', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/versions`),
    /** What changed from version `from` to version `to`: per question, words marked. */
    diff: (cycleId: string, iso3: string, from: number, to: number) =>
      request<{ from: number; to: number; diff: ResponseDiff }>('GET', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/diff?from=${from}&to=${to}`),
    /** Saves version `version`'s content as a new version, from `baseVersion` (409 when someone saved since). */
    restore: (cycleId: string, iso3: string, version: number, baseVersion: number) =>
      request<SavedVersion>('POST', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/versions/${version}/restore`, { baseVersion }),
    /** Where the browser downloads the latest version (a link, so that the browser saves the file itself). */
    /** `language`: the form's text in that language (one of the template's); the answers stay as written. */
    exportUrl: (cycleId: string, iso3: string, format: 'docx' | 'txt' | 'json', language?: string) =>
      `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/export?format=${format}${language ? `&language=${enc(language)}` : ''}`,
  },
  memberships: {
    /** Who holds a role in the cycle: its own members, and those of the submissions the user sees. */
    ofCycle: (cycleId: string) => request<MembershipInfo[]>('GET', `/api/memberships?cycle=${enc(cycleId)}`),
    /** Gives the role (or answers the membership held already); the server decides whether the user may. */
    grant: (input: GrantInput) => request<MembershipInfo>('POST', '/api/memberships', input),
    revoke: (id: string) => request<MembershipInfo>('DELETE', `/api/memberships/${enc(id)}`),
  },
  assignments: {
    /** The signed-in person's own assignments in every cycle, soonest due first. */
    mine: () => request<OwnAssignment[]>('GET', '/api/assignments'),
    /** A submission's written questions: words against the guidance, who has each. */
    ofSubmission: (cycleId: string, iso3: string) => request<SubmissionAssignments>('GET', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/assignments`),
    assign: (cycleId: string, iso3: string, input: AssignInput) => request<Assignment[]>('POST', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/assignments`, input),
    update: (cycleId: string, iso3: string, id: string, change: AssignmentChange) =>
      request<Assignment>('PATCH', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/assignments/${enc(id)}`, change),
    remove: (cycleId: string, iso3: string, id: string) => request<Assignment>('DELETE', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/assignments/${enc(id)}`),
    /** The people of the submission and of its State's office: whom questions may be given to. */
    people: (cycleId: string, iso3: string) => request<MembershipInfo[]>('GET', `/api/memberships?cycle=${enc(cycleId)}&state=${enc(iso3)}`),
  },
  /** A submission's queries thread between the State and the secretariat. */
  messages: {
    list: (cycleId: string, iso3: string) => request<QueriesThread>('GET', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/messages`),
    post: (cycleId: string, iso3: string, body: string) => request<PostedMessage>('POST', `/api/cycles/${enc(cycleId)}/submissions/${enc(iso3)}/messages`, { body }),
  },
  exports: {
    /** Lays out a response not yet stored (an import being checked) as a document, for the browser to save. */
    /** With `cycleId`, laid out like the cycle's questionnaire (its terms), else like the template's blank form. */
    /** `language`: the form's text in that language (one of the template's); the answers stay as written. */
    create: async (templateId: string, response: AnyResponse, format: 'docx' | 'txt', cycleId?: string, language?: string): Promise<Blob> => {
      // A Response (fixed slots) is sent as `response`, an ItemResponse as `itemResponse`.
      const answers = Array.isArray(response.answers) ? { response } : { itemResponse: response };
      let res: globalThis.Response;
      try {
        res = await fetch(`/api/exports?format=${format}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ templateId, ...(cycleId ? { cycleId } : {}), ...(language ? { language } : {}), ...answers }),
        });
      } catch {
        throw new ApiError(0, i18n.t('api.networkError'), i18n.t('api.unreachable'));
      }
      if (!res.ok) throw problemToError(res.status, await parseBody(res));
      return res.blob();
    },
  },
  imports: {
    /** With `cycleId`, the file is read as the cycle's questionnaire (the template as the cycle opened it). */
    create: (file: File, templateId: string, onProgress?: (fraction: number) => void, signal?: AbortSignal, cycleId?: string) => {
      const form = new FormData();
      // Fields before the file, so a streaming multipart parser sees templateId first.
      form.append('templateId', templateId);
      if (cycleId) form.append('cycleId', cycleId);
      form.append('file', file, file.name);
      return upload<ImportResult | ItemImportResult>('/api/imports', form, onProgress, signal);
    },
  },
};
