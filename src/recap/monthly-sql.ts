/**
 * The SQL behind the monthly SP4N indicators (monthly.ts). Every figure is a PostgreSQL aggregate,
 * per agency and for the whole scope in one statement (GROUPING SETS); no report row is loaded
 * into memory. Three statements read the reports RECEIVED in the period
 * through the (agency_id, received_at) index, one reads the scope's still-open reports through the
 * (agency_id, status, due_at) index (or (status, follow_up_at) for every agency).
 *
 * Days are whole calendar days between office-local dates, exactly as RTL and RV (sql.ts):
 * (local date of B) − (local date of receipt), negative spans (bad imports) summed as 0.
 *
 * Report-wide "first" moments: `disposed_at`, `first_response_at` and `follow_up_at` describe the
 * CURRENT assignment only (a re-route or "bukan wewenang" clears them, and `follow_up_at` is the
 * last tindak lanjut), so each is combined with the earliest matching event of the history
 * (index report_event(report_id, id)); imported reports without history keep their column.
 *
 * The statements run in one read-only REPEATABLE READ transaction (monthly.ts) with JIT off: all
 * figures come from one snapshot, and JIT compilation (0.5–0.8 s, triggered by the per-report
 * history look-up's estimate) would cost more than the queries themselves.
 */
import { Prisma } from '../generated/prisma/client.js';
import type { RecapDb, Window } from './sql.js';

const localDay = (col: Prisma.Sql, tz: string): Prisma.Sql => Prisma.sql`((${col}) AT TIME ZONE ${tz})::date`;
const days = (col: Prisma.Sql, tz: string): Prisma.Sql => Prisma.sql`(${localDay(col, tz)} - ${localDay(Prisma.sql`r.received_at`, tz)})`;
const inWindow = (w: Window): Prisma.Sql => Prisma.sql`r.received_at >= ${w.start} AND r.received_at < ${w.end} AND ${w.scope}`;

/** Every row comes per agency (`grand` 0) and for the whole scope (`grand` 1, agency_id null). */
export interface Grouped {
  agency_id: string | null;
  grand: number;
}

export interface CohortRow extends Grouped {
  received: number;
  ch_website: number;
  ch_sms: number;
  ch_telepon: number;
  ch_langsung: number;
  ch_unknown: number;
  verified: number;
  disposed: number;
  responded: number;
  at_unit: number;
  in_follow_up: number;
  resolved: number;
  unresolved: number;
  deferred: number;
  archived: number;
  replied: number;
  dispose_n: number;
  dispose_sum: number;
  respond_n: number;
  respond_sum: number;
  follow_n: number;
  follow_sum: number;
  resolve_n: number;
  resolve_sum: number;
  rating_n: number;
  rating_sum: number;
  accuracy_n: number;
  accuracy_sum: number;
}

/**
 * Indicators 1.1–15, 20 and 21 over the cohort of reports received in the window, in their state
 * now. A milestone counts when its timestamp is recorded OR the status implies it (an import may
 * carry "Proses" without a response time); a mean only uses reports that have both timestamps.
 */
export async function cohortRows(db: RecapDb, w: Window): Promise<CohortRow[]> {
  const tz = w.timeZone;
  return db.$queryRaw<CohortRow[]>`
    WITH base AS (
      SELECT r.agency_id, r.status, lower(btrim(r.channel)) AS channel, r.rating, r.rating_accuracy, r.reporter_replied,
        r.verified_at IS NOT NULL AS has_verified,
        LEAST(r.disposed_at, h.disposed) AS disposed_at,
        LEAST(r.first_response_at, h.responded) AS responded_at,
        LEAST(r.follow_up_at, h.followed) AS followed_at,
        ${days(Prisma.sql`LEAST(r.disposed_at, h.disposed)`, tz)} AS dispose_days,
        ${days(Prisma.sql`LEAST(r.first_response_at, h.responded)`, tz)} AS respond_days,
        ${days(Prisma.sql`LEAST(r.follow_up_at, h.followed)`, tz)} AS follow_days,
        CASE WHEN r.status = 'SELESAI' THEN ${days(Prisma.sql`r.closed_at`, tz)} END AS resolve_days
      FROM report r
      -- Only reports that reached a unit can have lost or hidden a first moment.
      LEFT JOIN LATERAL (
        SELECT min(e.at) FILTER (WHERE e.action IN ('disposed', 'rerouted')) AS disposed,
          min(e.at) FILTER (WHERE e.action IN ('responded', 'followed_up', 'closed')) AS responded,
          min(e.at) FILTER (WHERE e.action IN ('followed_up', 'closed')) AS followed
        FROM report_event e
        WHERE (r.disposed_at IS NOT NULL OR r.bounce_count > 0 OR r.status IN ('SELESAI', 'TUNDA', 'ARSIP'))
          AND e.report_id = r.id AND e.action IN ('disposed', 'rerouted', 'responded', 'followed_up', 'closed')
      ) h ON true
      WHERE ${inWindow(w)}
    )
    SELECT agency_id::text AS agency_id, GROUPING(agency_id)::int AS grand, count(*)::int AS received,
      count(*) FILTER (WHERE channel = 'website')::int AS ch_website,
      count(*) FILTER (WHERE channel = 'sms')::int AS ch_sms,
      count(*) FILTER (WHERE channel = 'telepon')::int AS ch_telepon,
      count(*) FILTER (WHERE channel = 'langsung')::int AS ch_langsung,
      count(*) FILTER (WHERE channel IS NULL OR channel NOT IN ('website', 'sms', 'telepon', 'langsung'))::int AS ch_unknown,
      count(*) FILTER (WHERE has_verified OR status IN ('BELUM_DITINDAKLANJUTI', 'PROSES', 'SELESAI'))::int AS verified,
      count(*) FILTER (WHERE disposed_at IS NOT NULL OR status IN ('BELUM_DITINDAKLANJUTI', 'PROSES', 'SELESAI'))::int AS disposed,
      count(*) FILTER (WHERE responded_at IS NOT NULL OR status IN ('PROSES', 'SELESAI'))::int AS responded,
      count(*) FILTER (WHERE status = 'BELUM_DITINDAKLANJUTI')::int AS at_unit,
      count(*) FILTER (WHERE status = 'PROSES')::int AS in_follow_up,
      count(*) FILTER (WHERE status = 'SELESAI')::int AS resolved,
      count(*) FILTER (WHERE status IN ('BELUM_TERVERIFIKASI', 'BELUM_DITINDAKLANJUTI', 'PROSES', 'TUNDA'))::int AS unresolved,
      count(*) FILTER (WHERE status = 'TUNDA')::int AS deferred,
      count(*) FILTER (WHERE status = 'ARSIP')::int AS archived,
      count(*) FILTER (WHERE reporter_replied)::int AS replied,
      count(dispose_days)::int AS dispose_n, COALESCE(sum(GREATEST(dispose_days, 0)), 0)::float8 AS dispose_sum,
      count(respond_days)::int AS respond_n, COALESCE(sum(GREATEST(respond_days, 0)), 0)::float8 AS respond_sum,
      count(follow_days)::int AS follow_n, COALESCE(sum(GREATEST(follow_days, 0)), 0)::float8 AS follow_sum,
      count(resolve_days)::int AS resolve_n, COALESCE(sum(GREATEST(resolve_days, 0)), 0)::float8 AS resolve_sum,
      count(rating)::int AS rating_n, COALESCE(sum(round(rating * 100)), 0)::float8 AS rating_sum,
      count(rating_accuracy)::int AS accuracy_n, COALESCE(sum(round(rating_accuracy * 100)), 0)::float8 AS accuracy_sum
    FROM base
    GROUP BY GROUPING SETS ((agency_id), ())`;
}

export interface ReporterRow extends Grouped {
  reporters: number;
  male: number;
  female: number;
  disability: number;
  vulnerable: number;
}

/**
 * Indicators 17–19: DISTINCT reporters of the reports received in the window. A reporter is
 * their contact (e-mail lower-cased; a phone number as digits with +62/62 read as 0), or, with no
 * contact, the report itself. Gender is that of the reporter's latest report stating one;
 * disability / vulnerable count when any of their reports says so. Only counts leave the database.
 */
export async function reporterRows(db: RecapDb, w: Window): Promise<ReporterRow[]> {
  return db.$queryRaw<ReporterRow[]>`
    WITH p AS (
      SELECT r.agency_id, COALESCE(
          CASE WHEN position('@' IN p.contact) > 0 THEN 'mail:' || lower(btrim(p.contact))
               WHEN regexp_replace(COALESCE(p.contact, ''), '[^0-9]', '', 'g') <> ''
                 THEN 'tel:' || regexp_replace(regexp_replace(p.contact, '[^0-9]', '', 'g'), '^62', '0') END,
          'report:' || r.id::text) AS who,
        upper(btrim(p.gender)) AS gender, COALESCE(p.disability, false) AS disability, COALESCE(p.vulnerable, false) AS vulnerable,
        r.received_at
      FROM report r LEFT JOIN reporter p ON p.report_id = r.id
      WHERE ${inWindow(w)}
    ), per AS (
      SELECT agency_id, GROUPING(agency_id)::int AS grand, who, (array_agg(gender ORDER BY received_at DESC) FILTER (WHERE gender IN ('L', 'P')))[1] AS gender,
        bool_or(disability) AS disability, bool_or(vulnerable) AS vulnerable
      FROM p GROUP BY GROUPING SETS ((agency_id, who), (who))
    )
    SELECT agency_id::text AS agency_id, grand, count(*)::int AS reporters,
      count(*) FILTER (WHERE gender = 'L')::int AS male,
      count(*) FILTER (WHERE gender = 'P')::int AS female,
      count(*) FILTER (WHERE disability)::int AS disability,
      count(*) FILTER (WHERE vulnerable)::int AS vulnerable
    FROM per
    GROUP BY grand, agency_id`;
}

export interface TopicCountRow extends Grouped {
  topic: string | null;
  n: number;
}

/**
 * Indicator 22: every report received in the window by topic ("kategori/topik" in LAPOR!), archived
 * ones included so the counts add up to indicator 2. Topics differing only in case or surrounding
 * blanks are one, named by their most frequent spelling; reports without a topic come back as null.
 */
export async function topicCountRows(db: RecapDb, w: Window): Promise<TopicCountRow[]> {
  return db.$queryRaw<TopicCountRow[]>`
    SELECT r.agency_id::text AS agency_id, GROUPING(r.agency_id)::int AS grand,
      NULLIF(mode() WITHIN GROUP (ORDER BY btrim(r.topic)), '') AS topic, count(*)::int AS n
    FROM report r
    WHERE ${inWindow(w)}
    GROUP BY GROUPING SETS ((r.agency_id, NULLIF(lower(btrim(r.topic)), '')), (NULLIF(lower(btrim(r.topic)), '')))
    ORDER BY grand DESC, agency_id, (NULLIF(lower(btrim(r.topic)), '') IS NULL), n DESC, topic`;
}

/**
 * Indicator 16: reports of the scope received before `cutoff` (more than 60 calendar days before
 * the period's last day) and still unresolved now (Belum Terverifikasi, Belum Ditindaklanjuti,
 * Proses or Tunda), whenever they were received.
 */
export async function overSixtyDays(db: RecapDb, scope: Prisma.Sql, cutoff: Date): Promise<(Grouped & { n: number })[]> {
  return db.$queryRaw<(Grouped & { n: number })[]>`
    SELECT r.agency_id::text AS agency_id, GROUPING(r.agency_id)::int AS grand, count(*)::int AS n FROM report r
    WHERE r.status IN ('BELUM_TERVERIFIKASI', 'BELUM_DITINDAKLANJUTI', 'PROSES', 'TUNDA') AND r.received_at < ${cutoff} AND ${scope}
    GROUP BY GROUPING SETS ((r.agency_id), ())`;
}
