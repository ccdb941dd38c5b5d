/**
 * The recap's SQL. Every figure is an aggregate computed by PostgreSQL over the reports received
 * in the period; no report row is loaded into memory.
 *
 * Days are CALENDAR days between office-local dates: (date of B) − (date of A), both in the
 * office timezone. Why, from the seed tables: LAPOR! labels RTL and RV "satuan hari" while the
 * same documents say "hari kerja" whenever they mean working days (SLA, the 3-day verification
 * target); and the "Laju Verifikasi" rows of admins with a single report show whole values
 * (2.0 and 1.0 days), i.e. whole days per report rather than elapsed hours. RTL, RV and the
 * verification pace therefore use the same whole calendar-day count; negative spans (bad
 * imports) count as 0 (clamped where summed: GREATEST ignores NULL, so clamping before counting
 * would turn "no response yet" into 0 days).
 */
import { Prisma } from '../generated/prisma/client.js';

export type RecapDb = Pick<Prisma.TransactionClient, '$queryRaw'>;

export interface Window {
  start: Date;
  end: Date;
  timeZone: string;
  scope: Prisma.Sql;
}

const localDay = (col: Prisma.Sql, tz: string): Prisma.Sql => Prisma.sql`((${col}) AT TIME ZONE ${tz})::date`;

/** Whole calendar days from receipt to `col`; NULL when `col` is NULL; may be negative (clamp when summing). */
export const daysSinceReceipt = (col: Prisma.Sql, tz: string): Prisma.Sql =>
  Prisma.sql`(${localDay(col, tz)} - ${localDay(Prisma.sql`r.received_at`, tz)})`;

/**
 * The report's first response ever (respon awal or tindak lanjut). `first_response_at` belongs to
 * the current assignment and is reset when a unit bounces the report, so only bounced reports
 * look at their history (index report_event(report_id, id)).
 */
export const FIRST_RESPONSE = Prisma.sql`CASE WHEN r.bounce_count = 0 THEN r.first_response_at ELSE LEAST(r.first_response_at,
  (SELECT min(e.at) FROM report_event e WHERE e.report_id = r.id AND e.action IN ('responded', 'followed_up', 'closed'))) END`;

const inWindow = (w: Window): Prisma.Sql => Prisma.sql`r.received_at >= ${w.start} AND r.received_at < ${w.end} AND ${w.scope}`;

export interface FigureRow {
  unit_id: string | null;
  /** 1 on the grand-total row. */
  grand: number;
  bt: number;
  bd: number;
  p: number;
  s: number;
  tunda: number;
  arsip: number;
  rtl_n: number;
  rtl_sum: number;
  rhp_n: number;
  rhp_sum: number;
  rv_n: number;
  rv_sum: number;
}

/** Status counts and the sums behind RTL, RHP and RV, per unit and for the whole scope (one scan). */
export async function figureRows(db: RecapDb, w: Window): Promise<FigureRow[]> {
  return db.$queryRaw<FigureRow[]>`
    WITH base AS (
      SELECT r.unit_id, r.status, r.rating,
        ${daysSinceReceipt(FIRST_RESPONSE, w.timeZone)} AS rtl_days,
        ${daysSinceReceipt(Prisma.sql`r.verified_at`, w.timeZone)} AS rv_days
      FROM report r
      WHERE ${inWindow(w)}
    )
    SELECT unit_id::text AS unit_id, GROUPING(unit_id)::int AS grand,
      count(*) FILTER (WHERE status = 'BELUM_TERVERIFIKASI')::int AS bt,
      count(*) FILTER (WHERE status = 'BELUM_DITINDAKLANJUTI')::int AS bd,
      count(*) FILTER (WHERE status = 'PROSES')::int AS p,
      count(*) FILTER (WHERE status = 'SELESAI')::int AS s,
      count(*) FILTER (WHERE status = 'TUNDA')::int AS tunda,
      count(*) FILTER (WHERE status = 'ARSIP')::int AS arsip,
      count(rtl_days)::int AS rtl_n, COALESCE(sum(GREATEST(rtl_days, 0)), 0)::float8 AS rtl_sum,
      count(rating)::int AS rhp_n, COALESCE(sum(round(rating * 100)), 0)::float8 AS rhp_sum,
      count(rv_days)::int AS rv_n, COALESCE(sum(GREATEST(rv_days, 0)), 0)::float8 AS rv_sum
    FROM base
    GROUP BY GROUPING SETS ((unit_id), ())`;
}

export interface OverdueRow {
  unit_id: string | null;
  grand: number;
  n: number;
}

/**
 * Open reports past their deadline at `asOf`, whenever received: a snapshot, not a period figure
 * (index (agency_id|unit_id, status, due_at)).
 */
export async function overdueRows(db: RecapDb, scope: Prisma.Sql, asOf: Date): Promise<OverdueRow[]> {
  return db.$queryRaw<OverdueRow[]>`
    SELECT r.unit_id::text AS unit_id, GROUPING(r.unit_id)::int AS grand, count(*)::int AS n
    FROM report r
    WHERE r.status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND r.due_at < ${asOf} AND ${scope}
    GROUP BY GROUPING SETS ((r.unit_id), ())`;
}

export interface TopicRow {
  unit_id: string | null;
  grand: number;
  topic: string;
  n: number;
}

/**
 * The three most frequent topics per unit and overall. Archived reports are left out: they are
 * mostly repeated submissions of one report and would crowd the list.
 */
export async function topicRows(db: RecapDb, w: Window): Promise<TopicRow[]> {
  return db.$queryRaw<TopicRow[]>`
    SELECT unit_id, grand, topic, n FROM (
      SELECT g.*, row_number() OVER (PARTITION BY g.grand, g.unit_id ORDER BY g.n DESC, g.topic) AS rank
      FROM (
        SELECT r.unit_id::text AS unit_id, GROUPING(r.unit_id)::int AS grand, r.topic, count(*)::int AS n
        FROM report r
        WHERE ${inWindow(w)} AND r.status <> 'ARSIP' AND r.topic IS NOT NULL AND btrim(r.topic) <> ''
        GROUP BY GROUPING SETS ((r.unit_id, r.topic), (r.topic))
      ) g
    ) ranked
    WHERE rank <= 3
    ORDER BY grand DESC, unit_id, rank`;
}

export interface VerifierRow {
  person_id: string | null;
  name: string | null;
  within: number;
  after: number;
  n: number;
  days: number;
}

/**
 * Laju verifikasi: per verifier, the verified reports received in the period. The same reports
 * and the same day count as RV, so the two never disagree (a complaint in seeds/001 about
 * LAPOR!). The verifier is `verified_by_id` when set, else the actor of the first 'verified' or
 * 'disposed' event (disposing an unverified report verifies it).
 */
export async function verifierRows(db: RecapDb, w: Window): Promise<VerifierRow[]> {
  return db.$queryRaw<VerifierRow[]>`
    WITH v AS (
      SELECT GREATEST(0, ${daysSinceReceipt(Prisma.sql`r.verified_at`, w.timeZone)}) AS days,
        COALESCE(r.verified_by_id, ev.actor_id) AS person_id,
        ev.actor_label
      FROM report r
      -- The history is only read when verified_by_id is not filled in (one index look-up per report).
      LEFT JOIN LATERAL (
        SELECT e.actor_id, e.actor_label FROM report_event e
        WHERE r.verified_by_id IS NULL AND e.report_id = r.id AND e.action IN ('verified', 'disposed')
        ORDER BY e.id LIMIT 1
      ) ev ON true
      WHERE ${inWindow(w)} AND r.verified_at IS NOT NULL
    )
    SELECT min(v.person_id::text) AS person_id, max(COALESCE(p.name, v.actor_label)) AS name,
      count(*) FILTER (WHERE v.days <= 3)::int AS within,
      count(*) FILTER (WHERE v.days > 3)::int AS after,
      count(*)::int AS n, sum(v.days)::float8 AS days
    FROM v LEFT JOIN person p ON p.id = v.person_id
    -- A person is one verifier whatever their label; unrecorded actors group by label.
    GROUP BY COALESCE(v.person_id::text, 'label:' || COALESCE(v.actor_label, ''))
    ORDER BY n DESC, name`;
}
