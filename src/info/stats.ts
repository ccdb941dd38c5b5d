/**
 * Information-request figures for the recap: how many were asked in a period, the median time
 * to the first answer, and the share answered within the first-response target.
 */
import { Prisma } from '../generated/prisma/client.js';
import { periodBounds } from '../recap/period.js';
import type { Period } from '../recap/types.js';

type StatsDb = Pick<Prisma.TransactionClient, '$queryRaw'>;

export interface InfoRequestStats {
  /** Requests asked in [from, to). */
  count: number;
  /** Median wall-clock minutes from asking to the first answer, over answered requests; null when none. */
  medianFirstResponseMinutes: number | null;
  /**
   * Answered within the first-response target, in percent (one decimal) of the requests that
   * can be judged: answered ones, and unanswered ones whose target has passed by `to` (or `now`,
   * when earlier). Null when none can be judged yet.
   */
  answeredWithinTargetPct: number | null;
}

interface Row {
  count: number;
  median: number | null;
  within: number;
  judged: number;
}

export interface InfoStatsInput {
  agencyId: string;
  from: Date;
  to: Date;
  now?: Date;
  /** Only requests to these units (a unit's recap: the unit and its sub-units); all when absent. */
  unitIds?: readonly string[] | null;
}

/** infoRequestStats(db, { agencyId, from, to }) → { count: 12, medianFirstResponseMinutes: 95, answeredWithinTargetPct: 83.3 } */
export async function infoRequestStats(db: StatsDb, input: InfoStatsInput): Promise<InfoRequestStats> {
  const asOf = input.now && input.now < input.to ? input.now : input.to;
  const units = input.unitIds ? Prisma.sql`AND unit_id IN (${input.unitIds.length ? Prisma.join(input.unitIds.map((id) => Prisma.sql`${id}::uuid`)) : Prisma.sql`NULL`})` : Prisma.empty;
  const rows = await db.$queryRaw<Row[]>`
    SELECT count(*)::int AS count,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answer_at - asked_at) / 60)
              FILTER (WHERE first_answer_at IS NOT NULL))::float8 AS median,
           count(*) FILTER (WHERE first_answer_at IS NOT NULL AND first_answer_at <= first_response_due)::int AS within,
           count(*) FILTER (WHERE first_answer_at IS NOT NULL OR first_response_due <= ${asOf})::int AS judged
      FROM info_request
     WHERE agency_id = ${input.agencyId}::uuid AND asked_at >= ${input.from} AND asked_at < ${input.to} ${units}`;
  const r = rows[0] ?? { count: 0, median: null, within: 0, judged: 0 };
  return {
    count: r.count,
    medianFirstResponseMinutes: r.median === null ? null : Math.round(Number(r.median) * 10) / 10,
    answeredWithinTargetPct: r.judged > 0 ? Math.round((r.within / r.judged) * 1000) / 10 : null,
  };
}

/** The figures for a recap period (office-local days), as the recap shows them. */
export async function infoStatsForPeriod(
  db: StatsDb,
  input: { agencyId: string; period: Period; timeZone: string; now: Date; unitIds?: readonly string[] | null },
): Promise<InfoRequestStats> {
  const { start, end } = periodBounds(input.period, input.timeZone);
  return infoRequestStats(db, { agencyId: input.agencyId, from: start, to: end, now: input.now, unitIds: input.unitIds });
}
