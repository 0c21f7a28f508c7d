// Replies over time, pure: how many invited States had submitted their answers by each day of a
// cycle, against its deadline (the tracking dashboard's chart and its table alternative).
// src/services/cycles.ts reads when each State first submitted (one query) and calls this.

/** The days a count changed on, and the span the chart covers. */
export interface RepliesOverTime {
  /** The first day shown (YYYY-MM-DD): the cycle's first day, or an earlier reply's or deadline. */
  from: string;
  /** The last day shown: the deadline, today while replies may still come, or the last reply. */
  to: string;
  deadline: string;
  invited: number;
  /** One entry per day on which States first submitted, oldest first: how many that day, and how many in all by then. */
  days: { date: string; replies: number; total: number }[];
}

const dayOf = (iso: string) => iso.slice(0, 10);
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * The cumulative count of States that have submitted, by day. `firstSubmitted` holds, per State
 * that has, the moment of its first submission (ISO 8601); `start` is the cycle's first day and
 * `until` the last day to show when later than the deadline and every reply (today, for a cycle
 * still running).
 */
export function repliesOverTime(firstSubmitted: readonly string[], options: { start: string; deadline: string; until: string; invited: number }): RepliesOverTime {
  const perDay = new Map<string, number>();
  for (const at of firstSubmitted) perDay.set(dayOf(at), (perDay.get(dayOf(at)) ?? 0) + 1);
  let total = 0;
  const days = [...perDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, replies]) => ({ date, replies, total: (total += replies) }));
  const first = days[0]?.date ?? options.start;
  const last = days.at(-1)?.date ?? options.start;
  return {
    // A deadline before the cycle's first day (a past review entered late) is still on the chart.
    from: earlier(earlier(dayOf(options.start), first), options.deadline),
    to: later(later(options.deadline, dayOf(options.until)), last),
    deadline: options.deadline,
    invited: options.invited,
    days,
  };
}

