// The tracking table's rows: every invited State's submission, its coordinators, its latest
// version (when, by whom) and the stored rows that rebuild its current response, all in ONE query
// whatever the number of States (no query per row).
import { sql } from 'drizzle-orm';
import type { SubmissionStatus } from '../domain/workflow.ts';
import { queryRows, type Executor } from './executor.ts';
import { isUuid } from './ids.ts';
import type { StoredVersion } from './version-codec.ts';

export interface TrackingRecord {
  submissionId: string;
  iso3: string;
  stateName: string;
  status: SubmissionStatus;
  version: number;
  savedAt: Date | string | null;
  savedBy: string | null;
  /** The State's coordinators: of its office, and of this submission. */
  coordinators: { name: string; email: string }[];
  /** The latest full copy and the deltas after it, up to the current version, in order (empty before the first save). */
  versions: StoredVersion[];
}

/** One query: the cycle's submissions by State name, each with what the tracking table needs. */
export async function listTrackingRecords(db: Executor, cycleId: string): Promise<TrackingRecord[]> {
  if (!isUuid(cycleId)) return [];
  const rows = await queryRows<TrackingRecord & { savedAt: Date | string | null }>(
    db,
    sql`select s.id as "submissionId", s.state_iso3 as iso3, o.name as "stateName", s.status, s.current_version as version,
        v.saved_at as "savedAt", v.author_name as "savedBy",
        coalesce((select json_agg(json_build_object('name', p.name, 'email', p.email) order by p.name, p.email)
          from (select distinct u.name, u.email from memberships m join users u on u.id = m.user_id
                where m.role = 'state-coordinator'
                  and ((m.scope = 'state' and m.state_iso3 = s.state_iso3) or (m.scope = 'submission' and m.submission_id = s.id))) p), '[]'::json) as coordinators,
        coalesce((select json_agg(json_build_object('version', sv.version, 'response', sv.response, 'delta', sv.delta) order by sv.version)
          from submission_versions sv
          where sv.submission_id = s.id and sv.version <= s.current_version
            and sv.version >= (select max(f.version) from submission_versions f
                               where f.submission_id = s.id and f.version <= s.current_version and f.response is not null)), '[]'::json) as versions
      from submissions s
      join organisations o on o.iso3 = s.state_iso3
      left join submission_versions v on v.submission_id = s.id and v.version = s.current_version
      where s.cycle_id = ${cycleId}
      order by o.name`,
  );
  return rows;
}
